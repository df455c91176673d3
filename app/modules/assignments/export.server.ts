import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import { formatDateTime } from "#app/utils/dates.ts";
import { STATUS_TEXT } from "./status.ts";
import type { PersonRow } from "./rollup.server.ts";

/**
 * Spreadsheet formula injection: a cell starting with = + - @, a tab or a CR is
 * prefixed with an apostrophe so Excel and WPS show it as text.
 */
export function neutralise(value: unknown): string | number {
  if (typeof value === "number") return value;
  const text = value == null ? "" : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

type Cells = (string | number | null)[];
/** Rows in memory, or streamed from the database (streamRead, decision 0011). */
export type Table = { headers: string[]; rows: Iterable<Cells> | AsyncIterable<Cells> };

export const PEOPLE_HEADERS = [
  "工号",
  "姓名",
  "单位",
  "应学课程数",
  "已完成课程数",
  "状态",
  "完成时间",
];

export async function* peopleRows(rows: AsyncIterable<PersonRow>): AsyncGenerator<Cells> {
  for await (const r of rows)
    yield [
      r.username,
      r.name,
      r.unitName,
      r.courses,
      r.done,
      STATUS_TEXT[r.status] ?? r.status,
      r.done === r.courses && r.completedAt ? formatDateTime(r.completedAt) : "",
    ];
}

/** CSV: UTF-8 with BOM (Excel and WPS detect it), RFC 4180 quoting, CRLF line ends, streamed row by row. */
export function csvStream(table: Table): ReadableStream<Uint8Array> {
  const csv = stringify({ record_delimiter: "windows", quoted_match: /[",\r\n]/ });
  const out = new PassThrough();
  const gone = closed(out);
  out.write("\uFEFF");
  csv.pipe(out);
  (async () => {
    csv.write(table.headers.map(neutralise));
    let n = 0;
    for await (const row of table.rows) {
      if (gone.now) break; // the client went away: `break` closes the row source
      if (!csv.write(row.map(neutralise)))
        await Promise.race([new Promise((r) => csv.once("drain", r)), gone.promise]);
      // Let the event loop breathe on 50,000-row exports.
      if (++n % 5000 === 0) await new Promise((r) => setImmediate(r));
    }
    csv.end();
  })().catch((e) => out.destroy(e));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** Whether the response stream was closed (by the end, or by a client that went away). */
function closed(stream: PassThrough) {
  const state = {
    now: false,
    promise: new Promise<void>((resolve) =>
      stream.once("close", () => {
        state.now = true;
        resolve();
      }),
    ),
  };
  return state;
}

/**
 * How a spreadsheet is laid out: a title row above the headers (naming what, where and when),
 * each column's width in characters, and the title and header rows frozen while scrolling.
 */
export type SheetLayout = { title: string; widths: number[] };

/** XLSX through exceljs's streaming writer; with @layout a title row, widths and a frozen header. */
export function xlsxStream(
  table: Table,
  sheetName: string,
  layout?: SheetLayout,
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: Boolean(layout),
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(
    sheetName.slice(0, 31),
    layout ? { views: [{ state: "frozen", xSplit: 0, ySplit: 2 }] } : {},
  );
  if (layout) sheet.columns = layout.widths.map((width) => ({ width }));
  const gone = closed(out);
  (async () => {
    if (layout) {
      const title = sheet.addRow([neutralise(layout.title)]);
      title.font = { bold: true, size: 14 };
      if (table.headers.length > 1) sheet.mergeCells(1, 1, 1, table.headers.length);
      title.commit();
    }
    const header = sheet.addRow(table.headers.map(neutralise));
    if (layout) header.font = { bold: true };
    header.commit();
    let n = 0;
    for await (const row of table.rows) {
      if (gone.now) break;
      sheet.addRow(row.map(neutralise)).commit();
      if (++n % 5000 === 0) await new Promise((r) => setImmediate(r));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => out.destroy(e));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** "2026-12-06": today in Beijing time, for export titles. */
export function beijingDate(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function downloadHeaders(filename: string, format: "csv" | "xlsx"): HeadersInit {
  const type =
    format === "csv"
      ? "text/csv; charset=utf-8"
      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(`${filename}.${format}`)}`,
    "Cache-Control": "no-store",
  };
}
