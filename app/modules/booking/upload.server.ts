import Busboy, { type BusboyInstance } from "@fastify/busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { checkUpload, displayName } from "./file-check.server.ts";
import { discardFiles, storeFile, type StoredFile, type WriteFile } from "./files.server.ts";

export type UploadLimits = { maxFileMb: number; maxFiles: number };
export type Uploaded =
  | { ok: true; form: FormData; files: { name: string; bytes: Buffer }[] }
  | { ok: false; status: 400 | 413; message: string };

// Room for the boundaries, part headers and the text fields around the files.
const ENVELOPE_BYTES = 64 * 1024;
/**
 * The most any upload route reads (server/app.ts lets no larger declared body in): 5 files of
 * 10 MB. A body past a route's own limits but within this is read to its end and discarded, so
 * the browser receives our 413 page instead of a reset connection.
 */
export const UPLOAD_CEILING_BYTES = 5 * 10 * 1024 * 1024 + ENVELOPE_BYTES;
const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;
export const FILE_FIELD = "files";

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .startsWith("multipart/form-data");
}

export const tooLargeMessage = (l: UploadLimits) =>
  `文件过大：每个文件不能超过 ${l.maxFileMb} MB，最多 ${l.maxFiles} 个文件`;
const tooLarge = (l: UploadLimits) => ({
  ok: false as const,
  status: 413 as const,
  message: tooLargeMessage(l),
});
const unreadable = {
  ok: false as const,
  status: 400 as const,
  message: "无法读取上传的内容，请重新选择文件后再试",
};

/**
 * Reads a multipart form (@fastify/busboy, any RFC 7578 file name) with caps. A declared body
 * larger than the ceiling (and all files together) is refused before reading; a file past the
 * size limit or a part past the file count is a 413, but the rest of the body is still read (up
 * to that bound), so a browser that is still sending receives the answer, not a reset. An
 * untouched file input (Chromium sends filename="" and no bytes) is no file. Nothing is stored.
 */
export async function readUploadForm(
  request: Request,
  limits: UploadLimits,
  ceiling = UPLOAD_CEILING_BYTES,
): Promise<Uploaded> {
  const maxBytes = limits.maxFileMb * 1024 * 1024;
  const maxBody = Math.max(ceiling, limits.maxFiles * maxBytes + ENVELOPE_BYTES);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBody) return tooLarge(limits);
  if (!request.body) return unreadable;
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      defCharset: "utf8",
      limits: {
        fileSize: maxBytes,
        files: limits.maxFiles,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.maxFiles + MAX_FIELDS,
        headerPairs: 20,
      },
    });
  } catch {
    return unreadable; // no boundary, or not multipart at all
  }
  const form = new FormData();
  const files: { name: string; bytes: Buffer }[] = [];
  let problem: "size" | "count" | "field" | null = null;
  const source = Readable.fromWeb(request.body as unknown as NodeWebStream);
  const done = new Promise<"ok" | "error" | "bound">((resolve) => {
    let seen = 0;
    source.on("data", (chunk: Buffer) => {
      seen += chunk.length;
      // A body without a length that runs past every limit: stop reading (the server closes it).
      if (seen > maxBody) {
        source.unpipe(parser);
        source.destroy();
        resolve("bound");
      }
    });
    source.on("error", () => resolve("error"));
    parser.on("error", () => resolve("error"));
    parser.on("finish", () => resolve("ok"));
    parser.on("file", (_field, stream, filename) => {
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
        files.push({ name: filename, bytes: Buffer.concat(chunks, size) });
      });
    });
    parser.on("filesLimit", () => {
      problem ??= "count";
    });
    parser.on("field", (name, value, _nameCut, valueCut) => {
      if (valueCut) problem ??= "field";
      else if (name !== FILE_FIELD) form.append(name, value);
    });
    parser.on("fieldsLimit", () => {
      problem ??= "field";
    });
  });
  source.pipe(parser);
  const outcome = await done;
  if (outcome === "bound") return tooLarge(limits);
  if (problem === "size") return tooLarge(limits);
  if (problem === "count")
    return { ok: false, status: 413, message: `最多上传 ${limits.maxFiles} 个文件` };
  if (problem === "field") return { ok: false, status: 413, message: "表单内容过长" };
  if (outcome === "error") return unreadable;
  return { ok: true, form, files };
}

export type Stored =
  { ok: true; stored: StoredFile[] } | { ok: false; status: 400 | 503 | 507; message: string };

const isNoSpace = (e: unknown) =>
  ["ENOSPC", "EDQUOT"].includes((e as NodeJS.ErrnoException | null)?.code ?? "");

/**
 * Checks every file by content; stores them only when all pass. A failed store removes
 * everything this call wrote (storeFile removes its own partial file) and answers a full disk
 * with 507 and any other file-system failure with 503, never a 500.
 */
export function checkAndStore(files: { name: string; bytes: Buffer }[], write?: WriteFile): Stored {
  const checked = [];
  for (const f of files) {
    const name = displayName(f.name);
    const result = checkUpload(name, f.bytes);
    if (!result.ok) return { ok: false, status: 400, message: `${name}：${result.message}` };
    checked.push({ name, format: result.format, bytes: f.bytes });
  }
  const stored: StoredFile[] = [];
  try {
    for (const f of checked) stored.push(storeFile(f.name, f.format, f.bytes, write));
  } catch (error) {
    discardFiles(stored);
    if (isNoSpace(error))
      return { ok: false, status: 507, message: "存储空间不足，文件未能保存，请联系管理员" };
    if ((error as NodeJS.ErrnoException | null)?.code)
      return { ok: false, status: 503, message: "文件暂时无法保存，请稍后重试" };
    throw error;
  }
  return { ok: true, stored };
}
