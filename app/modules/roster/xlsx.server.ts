import ExcelJS from "exceljs";
type SheetRow = { line: number; values: string[] };
/** A formula cell: `index` is its 0-based column; `missing` when the file carries no computed value. */
export type FormulaCell = { line: number; index: number; missing: boolean };
type Book =
  | { ok: true; rows: SheetRow[]; formulas: FormulaCell[] }
  | { ok: false; message: string; tooManyRows?: boolean };

/** 10 MB of XLSX unpacks to about 100 MB for 50,000 rows; more than this is a zip bomb, not a roster. */
const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;

/**
 * Sums the uncompressed sizes in the zip's central directory, so a small file
 * that would unpack to gigabytes is refused before exceljs inflates it.
 * JSZip (inside exceljs) checks each entry's real size against these numbers.
 */
export function unpackedSize(bytes: Buffer): number | null {
  const from = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: far beyond any roster
    total += size;
    offset +=
      46 +
      bytes.readUInt16LE(offset + 28) +
      bytes.readUInt16LE(offset + 30) +
      bytes.readUInt16LE(offset + 32);
  }
  return total;
}

type Cell = { text: string; formula: boolean; missingResult: boolean };

function plain(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("hyperlink" in value)
    return typeof value.text === "string" ? value.text : plain(value.text as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

/** A formula cell counts as what Excel displays (its cached result), never as the formula's text. */
function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (
    value &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    ("formula" in value || "sharedFormula" in value)
  ) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return {
      text: plain(result),
      formula: true,
      missingResult: result === undefined || result === null,
    };
  }
  return { text: plain(value), formula: false, missingResult: false };
}

/** The first worksheet as rows of text. */
export async function readXlsx(
  bytes: Buffer,
  maxRows: number,
  tooManyMessage: string,
): Promise<Book> {
  const size = unpackedSize(bytes);
  if (size === null) return { ok: false, message: "XLSX 文件已损坏，无法读取" };
  if (size > MAX_UNPACKED_BYTES) return { ok: false, message: "XLSX 文件解压后过大，无法导入" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, message: "无法读取该文件：不是有效的 XLSX 工作簿" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: "工作簿中没有工作表" };
  if (sheet.actualRowCount > maxRows)
    return { ok: false, message: tooManyMessage, tooManyRows: true };
  const rows: SheetRow[] = [];
  const formulas: FormulaCell[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) {
      const cell = cellOf(row.getCell(col).value);
      if (cell.formula) formulas.push({ line, index: col - 1, missing: cell.missingResult });
      values.push(cell.text);
    }
    rows.push({ line, values });
  });
  return { ok: true, rows, formulas };
}
