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
import { readSheet, type SheetFailure, type SheetRow } from "./sheet.server.ts";
import type { FormulaCell } from "./xlsx.server.ts";

export { decodeText } from "./sheet.server.ts";

export type { SheetRow };
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
export type ParseFailure = SheetFailure;

const fail = (message: string, status: ParseFailure["status"] = 400): ParseFailure => ({
  ok: false,
  status,
  message,
});
export const TOO_MANY_ROWS = `一次最多导入 ${MAX_ROWS.toLocaleString("en-US")} 行，请拆分文件后分批导入`;

/** A header cell as a lookup key: no "*" marks, no bracketed notes such as （选填）. */
export function headerKey(cell: string): string {
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

/** Reads a roster file: XLSX by its zip signature, anything else as CSV text. The file name is never trusted. */
export async function parseRosterFile(bytes: Buffer): Promise<Parsed | ParseFailure> {
  const sheet = await readSheet(bytes, {
    maxBytes: MAX_FILE_BYTES,
    maxRows: MAX_ROWS,
    tooManyRows: TOO_MANY_ROWS,
  });
  if (!sheet.ok) return sheet;
  const roster = toRoster(sheet.rows);
  if (!roster.ok) return roster;
  const formulas = formulaIssues(roster, sheet.formulas);
  return {
    ok: true,
    format: sheet.format,
    encoding: sheet.encoding,
    rows: roster.rows,
    issues: formulas.issues,
    formulaCells: formulas.count,
    ignoredColumns: roster.ignored,
  };
}
