import zlib from "node:zlib";
import { pdfActiveContent } from "./pdf-check.server.ts";

// Uploads are judged by their content, never by the name or the browser's type:
// a PDF starts with "%PDF-" and carries no active content (pdf-check.server.ts); a DOCX is a zip holding [Content_Types].xml and
// word/document.xml, without a macro project. The zip is read from its central
// directory only; declared sizes, entry counts and names are checked before a
// single byte is inflated, and the one part we do inflate is capped.
export type FileFormat = "pdf" | "docx";
export type FileCheck = { ok: true; format: FileFormat } | { ok: false; message: string };

export const ZIP_LIMITS = {
  maxEntries: 1000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxRatio: 200,
  maxContentTypesBytes: 1024 * 1024,
};

const fail = (message: string): FileCheck => ({ ok: false, message });

/** The name shown to users: no directories, no control characters, at most 120 characters. */
export function displayName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").trim();
  const chars = [...clean];
  if (chars.length <= 120) return clean || "未命名文件";
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(clean)?.[0] ?? "";
  return chars.slice(0, 120 - ext.length).join("") + ext;
}

type ZipEntry = {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
};

function readCentralDirectory(buf: Buffer): ZipEntry[] | string {
  if (buf.length < 22) return "文件已损坏（不是完整的 DOCX 文档）";
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "文件已损坏（不是完整的 DOCX 文档）";
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return "不支持 ZIP64 格式的文档";
  if (count > ZIP_LIMITS.maxEntries)
    return `文档内部文件过多（超过 ${ZIP_LIMITS.maxEntries} 个），已拒绝`;
  if (cdOffset + cdSize > eocd) return "文件已损坏（目录超出文件范围）";
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return "文件已损坏（目录无效）";
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (next > eocd) return "文件已损坏（目录无效）";
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    entries.push({
      name: rawName.toString(flags & 0x800 ? "utf8" : "latin1"),
      flags,
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p = next;
  }
  return entries;
}

/** Entry names that would escape an extraction folder (zip-slip) or are not plain relative paths. */
export function unsafeEntryName(name: string): boolean {
  return (
    name.includes("\\") ||
    name.startsWith("/") ||
    /^[A-Za-z]:/.test(name) ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f]/.test(name) ||
    name.split("/").some((s) => s === "..")
  );
}

function inflateEntry(buf: Buffer, e: ZipEntry): Buffer | null {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + e.compressed);
  if (data.length !== e.compressed) return null;
  try {
    if (e.method === 0) return data;
    if (e.method === 8)
      return zlib.inflateRawSync(data, { maxOutputLength: ZIP_LIMITS.maxContentTypesBytes });
  } catch {
    return null;
  }
  return null;
}

function checkDocx(buf: Buffer): FileCheck {
  const entries = readCentralDirectory(buf);
  if (typeof entries === "string") return fail(entries);
  let total = 0;
  for (const e of entries) {
    if (unsafeEntryName(e.name)) return fail("文档内部包含非法路径（如“..”），已拒绝");
    if (e.flags & 0x1) return fail("不支持加密的文档");
    total += e.uncompressed;
    const ratio = e.uncompressed / Math.max(1, e.compressed);
    if (
      total > ZIP_LIMITS.maxTotalUncompressed ||
      (e.uncompressed > 1024 * 1024 && ratio > ZIP_LIMITS.maxRatio)
    ) {
      return fail("文档解压后体积异常（疑似压缩炸弹），已拒绝");
    }
  }
  const names = new Set(entries.map((e) => e.name));
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name)))
    return fail("含有宏的文档（docm）不允许上传，请另存为 .docx 后再上传");
  const types = entries.find((e) => e.name === "[Content_Types].xml");
  if (!types || !names.has("word/document.xml"))
    return fail("文件内容不是有效的 Word 文档（DOCX）");
  if (types.uncompressed > ZIP_LIMITS.maxContentTypesBytes)
    return fail("文件内容不是有效的 Word 文档（DOCX）");
  const xml = inflateEntry(buf, types)?.toString("utf8");
  if (!xml || !xml.includes("wordprocessingml.document.main+xml")) {
    if (xml?.toLowerCase().includes("macroenabled"))
      return fail("含有宏的文档（docm）不允许上传，请另存为 .docx 后再上传");
    return fail("文件内容不是有效的 Word 文档（DOCX）");
  }
  return { ok: true, format: "docx" };
}

/** Checks one upload by its bytes; the name only has to agree with the content. */
export function checkUpload(name: string, bytes: Buffer): FileCheck {
  if (bytes.length === 0) return fail("文件为空，请重新选择");
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext !== "pdf" && ext !== "docx") return fail("只能上传 PDF 或 DOCX 文件");
  if (ext === "pdf") {
    if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-")
      return fail("文件内容不是有效的 PDF（可能是改了扩展名的其他文件）");
    const active = pdfActiveContent(bytes);
    return active ? fail(active) : { ok: true, format: "pdf" };
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50)
    return fail("文件内容不是有效的 Word 文档（DOCX）");
  return checkDocx(bytes);
}
