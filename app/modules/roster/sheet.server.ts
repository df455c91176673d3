import { parse as parseCsv } from "csv-parse/sync";
import iconv from "iconv-lite";
import { readXlsx, type FormulaCell } from "./xlsx.server.ts";

// Reading a spreadsheet upload (CSV or XLSX) into rows of text, shared by the roster import and
// the attendance-sheet import of events: XLSX by its zip signature, anything else as CSV text in
// UTF-8, UTF-16 or GBK. The file name is never trusted. Column meaning is the caller's business.

export type SheetRow = { line: number; values: string[] };
export type Sheet = {
  ok: true;
  format: "CSV" | "XLSX";
  encoding: string | null;
  rows: SheetRow[];
  /** XLSX formula cells (the value read is the cached result). */
  formulas: FormulaCell[];
};
export type SheetFailure = { ok: false; status: 400 | 413 | 415; message: string };

const fail = (message: string, status: SheetFailure["status"] = 400): SheetFailure => ({
  ok: false,
  status,
  message,
});

type Decoded = { ok: true; text: string; encoding: string } | SheetFailure;

/** UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode 文本"), otherwise GBK (read as GB18030, its superset). */
export function decodeText(bytes: Buffer): Decoded {
  const strict = (label: string, from: number) =>
    new TextDecoder(label, { fatal: true }).decode(bytes.subarray(from));
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      return { ok: true, text: strict("utf-8", 3), encoding: "UTF-8（带 BOM）" };
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return { ok: true, text: strict("utf-16le", 2), encoding: "UTF-16" };
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return { ok: true, text: strict("utf-16be", 2), encoding: "UTF-16" };
  } catch {
    return fail("文件开头声明的编码与内容不符，请另存为 UTF-8 或 GBK 编码的 CSV");
  }
  try {
    return { ok: true, text: strict("utf-8", 0), encoding: "UTF-8" };
  } catch {
    // Not UTF-8: GBK, as saved by Excel and WPS on Chinese Windows.
  }
  const text = iconv.decode(bytes, "gb18030");
  if (text.includes("\uFFFD")) return fail("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV");
  return { ok: true, text, encoding: "GBK" };
}

function readCsv(text: string): { ok: true; rows: SheetRow[] } | SheetFailure {
  if (text.includes("\u0000")) return fail("这不是 CSV 或 XLSX 文件", 415);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fail(line ? `CSV 格式有误（第 ${line} 行附近引号不配对）` : "CSV 格式有误，无法读取");
  }
  // Excel numbers a record spanning several lines (a quoted line break) as one row, and so do we.
  return { ok: true, rows: records.map((values, i) => ({ line: i + 1, values })) };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Buffer, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * The first worksheet (XLSX) or the records (CSV) as rows of text. `maxRows` bounds an XLSX
 * sheet before its rows are read (`tooManyRows` is then the message, with status 400).
 */
export async function readSheet(
  bytes: Buffer,
  limits: { maxBytes: number; maxRows: number; tooManyRows: string },
): Promise<Sheet | SheetFailure> {
  if (bytes.length === 0) return fail("文件是空的");
  if (bytes.length > limits.maxBytes)
    return fail(`文件超过 ${limits.maxBytes / 1024 / 1024} MB 上限`, 413);
  if (startsWith(bytes, OLE))
    return fail("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入", 415);
  if (startsWith(bytes, ZIP)) {
    const book = await readXlsx(bytes, limits.maxRows + 1, limits.tooManyRows);
    if (!book.ok) return fail(book.message, book.tooManyRows ? 400 : 415);
    return { ok: true, format: "XLSX", encoding: null, rows: book.rows, formulas: book.formulas };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const sheet = readCsv(decoded.text);
  if (!sheet.ok) return sheet;
  return { ok: true, format: "CSV", encoding: decoded.encoding, rows: sheet.rows, formulas: [] };
}
