import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { checkUpload, displayName } from "./file-check.server.ts";
import { storeFile, type StoredFile } from "./files.server.ts";

export type UploadLimits = { maxFileMb: number; maxFiles: number };
export type Uploaded =
  | { ok: true; form: FormData; files: { name: string; bytes: Buffer }[] }
  | { ok: false; status: 400 | 413; message: string };

// Room for the boundaries, part headers and the text fields around the files.
const ENVELOPE_BYTES = 64 * 1024;
export const FILE_FIELD = "files";

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .startsWith("multipart/form-data");
}

const tooLarge = (l: UploadLimits) => ({
  ok: false as const,
  status: 413 as const,
  message: `每个文件不能超过 ${l.maxFileMb} MB，最多 ${l.maxFiles} 个文件`,
});

/**
 * Reads a multipart form into memory with caps: a declared body larger than all
 * files together is refused before reading, a part that grows past the file
 * limit stops the read (413); a body that is not valid multipart is a 400.
 * Nothing is stored here.
 */
export async function readUploadForm(request: Request, limits: UploadLimits): Promise<Uploaded> {
  const maxBytes = limits.maxFileMb * 1024 * 1024;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limits.maxFiles * maxBytes + ENVELOPE_BYTES) return tooLarge(limits);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge(limits);
    return { ok: false, status: 400, message: "无法读取上传的内容，请重新选择文件后再试" };
  }
  const files: { name: string; bytes: Buffer }[] = [];
  for (const value of form.getAll(FILE_FIELD)) {
    if (typeof value === "string") continue; // an empty file input
    files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  form.delete(FILE_FIELD);
  if (files.length > limits.maxFiles)
    return { ok: false, status: 413, message: `最多上传 ${limits.maxFiles} 个文件` };
  return { ok: true, form, files };
}

/** Checks every file by content; stores them only when all pass. */
export function checkAndStore(
  files: { name: string; bytes: Buffer }[],
): { ok: true; stored: StoredFile[] } | { ok: false; message: string } {
  const checked = [];
  for (const f of files) {
    const name = displayName(f.name);
    const result = checkUpload(name, f.bytes);
    if (!result.ok) return { ok: false, message: `${name}：${result.message}` };
    checked.push({ name, format: result.format, bytes: f.bytes });
  }
  return { ok: true, stored: checked.map((f) => storeFile(f.name, f.format, f.bytes)) };
}
