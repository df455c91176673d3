import { readMultipart } from "#app/utils/multipart.server.ts";
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
export const FILE_FIELD = "files";

export { isMultipart } from "#app/utils/multipart.server.ts";

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
 * Reads a booking form (readMultipart: any RFC 7578 file name, an untouched file input is no
 * file) with the booking's limits. A body past a route's own limits but within the ceiling is
 * read to its end before the 413 "文件过大", so the browser still sending sees it. Nothing is
 * stored here.
 */
export async function readUploadForm(
  request: Request,
  limits: UploadLimits,
  ceiling = UPLOAD_CEILING_BYTES,
): Promise<Uploaded> {
  const maxFileBytes = limits.maxFileMb * 1024 * 1024;
  const r = await readMultipart(request, {
    maxFileBytes,
    maxFiles: limits.maxFiles,
    maxBodyBytes: Math.max(ceiling, limits.maxFiles * maxFileBytes + ENVELOPE_BYTES),
  });
  if (r.ok) {
    if (r.files.some((f) => f.field !== FILE_FIELD))
      return { ok: false, status: 400, message: "表单包含不允许提交的字段" };
    r.form.delete(FILE_FIELD);
    return { ok: true, form: r.form, files: r.files };
  }
  if (r.problem === "count")
    return { ok: false, status: 413, message: `最多上传 ${limits.maxFiles} 个文件` };
  if (r.problem === "field") return { ok: false, status: 413, message: "表单内容过长" };
  if (r.problem === "unreadable") return unreadable;
  return tooLarge(limits);
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
