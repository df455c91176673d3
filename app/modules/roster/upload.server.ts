import { readMultipart } from "#app/utils/multipart.server.ts";
import { MAX_FILE_BYTES, UploadFormSchema } from "./schemas.ts";

export type Upload =
  { ok: true; name: string; bytes: Buffer } | { ok: false; status: 400 | 413; message: string };

const TOO_LARGE = `文件过大：超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 上限，请拆分后分批导入`;
// Room for the multipart boundaries, headers and the intent field around the file.
const ENVELOPE_BYTES = 64 * 1024;

export { isMultipart } from "#app/utils/multipart.server.ts";

/**
 * Reads the upload form into memory with a size cap (readMultipart: any RFC 7578 file name, an
 * untouched file input is no file): a declared length over the cap is refused before reading,
 * a file past it after the body is read (so the browser sees the answer).
 */
export async function readRosterUpload(request: Request): Promise<Upload> {
  const r = await readMultipart(request, {
    maxFileBytes: MAX_FILE_BYTES,
    maxFiles: 1,
    maxBodyBytes: MAX_FILE_BYTES + ENVELOPE_BYTES,
  });
  if (!r.ok) {
    if (r.problem === "unreadable")
      return { ok: false, status: 400, message: "无法读取上传的文件，请重新选择后再试" };
    if (r.problem === "count") return { ok: false, status: 413, message: "一次只能导入一个文件" };
    if (r.problem === "field") return { ok: false, status: 413, message: "表单内容过长" };
    return { ok: false, status: 413, message: TOO_LARGE };
  }
  const form = r.form;
  for (const f of r.files) form.append(f.field, new File([new Uint8Array(f.bytes)], f.name));
  const parsed = UploadFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const unknown = parsed.error.issues.some((i) => i.code === "unrecognized_keys");
    return {
      ok: false,
      status: 400,
      message: unknown
        ? "表单包含不允许提交的字段"
        : (parsed.error.issues[0]?.message ?? "请选择要导入的文件"),
    };
  }
  const { file } = parsed.data;
  return { ok: true, name: file.name, bytes: Buffer.from(await file.arrayBuffer()) };
}
