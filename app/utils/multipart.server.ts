import Busboy, { type BusboyInstance } from "@fastify/busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";

export type MultipartLimits = {
  /** Largest file, in bytes. */
  maxFileBytes: number;
  maxFiles: number;
  /** Most bytes read from the body at all: past it the read stops (and the caller answers 413). */
  maxBodyBytes: number;
};
export type MultipartFile = { field: string; name: string; bytes: Buffer };
export type Multipart =
  | { ok: true; form: FormData; files: MultipartFile[] }
  | { ok: false; problem: "size" | "count" | "field" | "body" | "unreadable" };

const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .startsWith("multipart/form-data");
}

/**
 * Reads a multipart form with @fastify/busboy (any RFC 7578 file name; header parameters as
 * UTF-8) into memory with caps. A declared body past maxBodyBytes is refused before reading;
 * a file past the size limit or a part past the file count is refused too, but the rest of the
 * body is still read (up to maxBodyBytes), so a browser that is still sending receives the
 * answer instead of a reset connection. An untouched file input (Chromium sends a part with
 * filename="" and no bytes) is no file. Text fields land in `form`, files in `files`.
 */
export async function readMultipart(request: Request, limits: MultipartLimits): Promise<Multipart> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limits.maxBodyBytes) return { ok: false, problem: "body" };
  if (!request.body) return { ok: false, problem: "unreadable" };
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      defCharset: "utf8",
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.maxFiles + MAX_FIELDS,
        headerPairs: 20,
      },
    });
  } catch {
    return { ok: false, problem: "unreadable" }; // no boundary, or not multipart at all
  }
  const form = new FormData();
  const files: MultipartFile[] = [];
  let problem: "size" | "count" | "field" | null = null;
  const source = Readable.fromWeb(request.body as unknown as NodeWebStream);
  const done = new Promise<"ok" | "error" | "bound">((resolve) => {
    let seen = 0;
    source.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      // A body without a length that runs past the bound: stop reading (the server closes it).
      if (seen > limits.maxBodyBytes) {
        source.unpipe(parser);
        source.destroy();
        resolve("bound");
      }
    });
    source.on("error", () => resolve("error"));
    parser.on("error", () => resolve("error"));
    parser.on("finish", () => resolve("ok"));
    parser.on("file", (field, stream, filename) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("error", () => resolve("error"));
      stream.on("limit", () => {
        problem = "size";
      });
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (!problem) chunks.push(c);
      });
      stream.on("end", () => {
        if (problem) return;
        if (filename === "" && size === 0) return; // an untouched <input type=file>
        files.push({ field, name: filename, bytes: Buffer.concat(chunks, size) });
      });
    });
    parser.on("filesLimit", () => {
      problem ??= "count";
    });
    parser.on("field", (name, value, _nameCut, valueCut) => {
      if (valueCut) problem ??= "field";
      else form.append(name, value);
    });
    parser.on("fieldsLimit", () => {
      problem ??= "field";
    });
  });
  source.pipe(parser);
  const outcome = await done;
  if (outcome === "bound") return { ok: false, problem: "body" };
  if (problem) return { ok: false, problem };
  if (outcome === "error") return { ok: false, problem: "unreadable" };
  return { ok: true, form, files };
}
