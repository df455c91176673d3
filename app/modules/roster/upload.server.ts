import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_FILE_BYTES, UploadFormSchema } from "./schemas.ts";

export type Upload =
  { ok: true; name: string; bytes: Buffer } | { ok: false; status: 400 | 413; message: string };

const TOO_LARGE = `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 上限，请拆分后分批导入`;
// Room for the multipart boundaries, headers and the intent field around the file.
const ENVELOPE_BYTES = 64 * 1024;

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "")
    .toLowerCase()
    .startsWith("multipart/form-data");
}

/**
 * Reads the upload form into memory with a size cap: a declared length over
 * the cap is refused before reading, and a part that grows past it stops the read.
 */
export async function readRosterUpload(request: Request): Promise<Upload> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FILE_BYTES + ENVELOPE_BYTES)
    return { ok: false, status: 413, message: TOO_LARGE };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, status: 413, message: TOO_LARGE };
    return { ok: false, status: 400, message: "无法读取上传的文件，请重新选择后再试" };
  }
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
