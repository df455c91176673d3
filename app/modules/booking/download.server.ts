import fs from "node:fs";
import { Readable } from "node:stream";
import { attachmentDisposition, CONTENT_TYPES, storedPath } from "./files.server.ts";

// Serving a stored upload (booking files, event materials): streamed from FILES_DIR by our own
// server, always as an attachment, sandboxed. nosniff comes from helmet and
// Cache-Control: no-store from server/app.ts on every response.

export type ServedFile = { storedName: string; originalName: string; format: string; size: number };

/** Whether the stored bytes are still on disk (a purge or a lost volume removes them). */
export function storedFileExists(file: Pick<ServedFile, "storedName">): boolean {
  return fs.existsSync(storedPath(file.storedName));
}

/** The download response of a stored file. */
export function storedFileResponse(file: ServedFile): Response {
  const body = Readable.toWeb(
    fs.createReadStream(storedPath(file.storedName)),
  ) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[file.format as "pdf" | "docx"] ?? "application/octet-stream",
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.originalName, file.format),
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
