import { parse as parseCsv } from "csv-parse/sync";
import iconv from "iconv-lite";
import {
  COLUMNS,
  HEADER_ALIASES,
  MAX_FILE_BYTES,
  MAX_ROWS,
  REQUIRED_COLUMNS,
  type ColumnKey,
  type RawRow,
  type RowIssue,
} from "./schemas.ts";
import { readXlsx, type FormulaCell } from "./xlsx.server.ts";

export type SheetRow = { line: number; values: string[] };
export type Parsed = {
  ok: true;
  format: "CSV" | "XLSX";
  encoding: string | null;
  rows: RawRow[];
  /** Problems found while reading a cell (an XLSX formula without a value); the row is then refused. */
  issues: RowIssue[];
  /** XLSX formula cells imported by their displayed value. */
  formulaCells: number;
  ignoredColumns: string[];
};
export type ParseFailure = { ok: false; status: 400 | 413 | 415; message: string };

const fail = (message: string, status: ParseFailure["status"] = 400): ParseFailure => ({
  ok: false,
  status,
  message,
});
export const TOO_MANY_ROWS = `一次最多导入 ${MAX_ROWS.toLocaleString("en-US")} 行，请拆分文件后分批导入`;

type Decoded = { ok: true; text: string; encoding: string } | ParseFailure;

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

function readCsv(text: string): { ok: true; rows: SheetRow[] } | ParseFailure {
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

/** A header cell as a lookup key: no "*" marks, no bracketed notes such as （选填）. */
function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .replace(/[（(【[].*?[）)】\]]/g, "")
    .replace(/[*＊\s]/g, "")
    .toLowerCase();
}

type Roster = { ok: true; rows: RawRow[]; ignored: string[]; columns: Map<ColumnKey, number> };

type Header = { columns: Map<ColumnKey, number>; ignored: string[]; duplicate: ColumnKey | null };

function readHeader(row: SheetRow): Header {
  const columns = new Map<ColumnKey, number>();
  const ignored: string[] = [];
  let duplicate: ColumnKey | null = null;
  for (const [index, cell] of row.values.entries()) {
    const key = HEADER_ALIASES[headerKey(cell)];
    if (!key) {
      if (cell.trim()) ignored.push(cell.trim().slice(0, 20));
    } else if (columns.has(key)) duplicate ??= key;
    else columns.set(key, index);
  }
  return { columns, ignored, duplicate };
}

const HEADER_SEARCH_ROWS = 10;

function toRoster(sheet: SheetRow[]): Roster | ParseFailure {
  const nonEmpty = sheet.filter((r) => r.values.some((v) => v.trim() !== ""));
  if (nonEmpty.length === 0) return fail("文件中没有数据");
  // The header is the first row naming the required columns: a title row above it (常见的“人员名单”标题行) is skipped.
  const at = nonEmpty.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => {
    const found = readHeader(r).columns;
    return REQUIRED_COLUMNS.every((k) => found.has(k));
  });
  const headerRow = nonEmpty[Math.max(at, 0)]!;
  const { columns, ignored, duplicate } = readHeader(headerRow);
  if (at < 0) {
    const missing = REQUIRED_COLUMNS.filter((k) => !columns.has(k));
    return fail(
      `未找到表头：第 ${headerRow.line} 行缺少必需的列 ${missing.map((k) => COLUMNS[k]).join("、")}（表头须包含 工号、姓名、单位，可选 手机号、角色）`,
    );
  }
  if (duplicate) return fail(`第 ${headerRow.line} 行表头中“${COLUMNS[duplicate]}”列出现了两次`);
  const body = nonEmpty.slice(at + 1);
  if (body.length === 0) return fail("文件只有表头，没有人员数据");
  if (body.length > MAX_ROWS) return fail(TOO_MANY_ROWS);
  const cell = (r: SheetRow, key: ColumnKey) => {
    const i = columns.get(key);
    return i === undefined ? "" : (r.values[i] ?? "");
  };
  const rows = body.map((r) => ({
    line: r.line,
    cells: {
      username: cell(r, "username"),
      name: cell(r, "name"),
      unit: cell(r, "unit"),
      mobile: cell(r, "mobile"),
      role: cell(r, "role"),
    },
  }));
  return { ok: true, rows, ignored, columns };
}

/** XLSX formula cells in the roster's columns: counted, and refused when the file has no computed value for them. */
function formulaIssues(
  roster: Roster,
  formulas: FormulaCell[],
): { count: number; issues: RowIssue[] } {
  const lines = new Set(roster.rows.map((r) => r.line));
  const byIndex = new Map([...roster.columns].map(([key, index]) => [index, key]));
  const inRoster = formulas.filter((f) => lines.has(f.line) && byIndex.has(f.index));
  const issues = inRoster
    .filter((f) => f.missing)
    .map((f) => ({
      line: f.line,
      column: byIndex.get(f.index) ?? null,
      message: "该单元格是没有计算结果的公式，请在 Excel 中保存后再导入，或粘贴为数值",
    }));
  return { count: inRoster.length, issues };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Buffer, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Reads a roster file: XLSX by its zip signature, anything else as CSV text. The file name is never trusted. */
export async function parseRosterFile(bytes: Buffer): Promise<Parsed | ParseFailure> {
  if (bytes.length === 0) return fail("文件是空的");
  if (bytes.length > MAX_FILE_BYTES)
    return fail(`文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 上限`, 413);
  if (startsWith(bytes, OLE))
    return fail("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入", 415);
  if (startsWith(bytes, ZIP)) {
    const book = await readXlsx(bytes, MAX_ROWS + 1, TOO_MANY_ROWS);
    if (!book.ok) return fail(book.message, book.tooManyRows ? 400 : 415);
    const roster = toRoster(book.rows);
    if (!roster.ok) return roster;
    const formulas = formulaIssues(roster, book.formulas);
    return {
      ok: true,
      format: "XLSX",
      encoding: null,
      rows: roster.rows,
      issues: formulas.issues,
      formulaCells: formulas.count,
      ignoredColumns: roster.ignored,
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const sheet = readCsv(decoded.text);
  if (!sheet.ok) return sheet;
  const roster = toRoster(sheet.rows);
  if (!roster.ok) return roster;
  return {
    ok: true,
    format: "CSV",
    encoding: decoded.encoding,
    rows: roster.rows,
    issues: [],
    formulaCells: 0,
    ignoredColumns: roster.ignored,
  };
}
