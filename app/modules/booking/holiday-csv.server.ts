import { parse as parseCsv } from "csv-parse/sync";
import { decodeText } from "#app/modules/roster/parse.server.ts";
import { isCalendarDate } from "#app/utils/input.ts";
import type { HolidayKind } from "./slots.ts";

// The State Council's annual holiday notice as CSV rows "date,kind,name" (template:
// /admin/holidays/template): one Beijing day per row, kind 放假 (HOLIDAY) or 上班 (WORKDAY,
// a 调休 working day). Every problem is reported with its line number; nothing is imported
// unless the whole file is valid.
export type HolidayRow = { day: string; kind: HolidayKind; name: string };
export const MAX_HOLIDAY_ROWS = 400;
export const HOLIDAY_NAME_MAX = 20;

const KINDS: Record<string, HolidayKind> = {
  放假: "HOLIDAY",
  休息: "HOLIDAY",
  法定节假日: "HOLIDAY",
  holiday: "HOLIDAY",
  上班: "WORKDAY",
  调休上班: "WORKDAY",
  workday: "WORKDAY",
};

export function holidayKind(value: string): HolidayKind | null {
  const key = value.trim().toLowerCase();
  return Object.hasOwn(KINDS, key) ? (KINDS[key] ?? null) : null;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\ufffd]/;

export function holidayNameProblem(name: string): string | null {
  if (!name) return "请填写名称（如 春节）";
  if (name.length > HOLIDAY_NAME_MAX) return `名称最多 ${HOLIDAY_NAME_MAX} 个字符`;
  if (CONTROL.test(name)) return "名称包含不允许的字符";
  return null;
}

export function holidayTemplateCsv(): string {
  return "\uFEFFdate,kind,name\r\n2027-01-01,放假,元旦\r\n";
}

const isHeader = (values: string[]) =>
  /^(date|日期)$/i.test((values[0] ?? "").replace(/^\uFEFF/, "").trim());

type Parsed = { ok: true; rows: HolidayRow[] } | { ok: false; errors: string[] };

function readRecords(
  bytes: Buffer,
): { ok: true; records: string[][] } | { ok: false; errors: string[] } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, errors: [decoded.message] };
  if (decoded.text.includes("\u0000")) return { ok: false, errors: ["这不是 CSV 文件"] };
  try {
    const records: string[][] = parseCsv(decoded.text, {
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return { ok: true, records };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      ok: false,
      errors: [line ? `CSV 格式有误（第 ${line} 行附近引号不配对）` : "CSV 格式有误，无法读取"],
    };
  }
}

/** The whole file, or every problem with its line number (at most 50). */
export function parseHolidayCsv(bytes: Buffer): Parsed {
  const read = readRecords(bytes);
  if (!read.ok) return read;
  const errors: string[] = [];
  const rows: HolidayRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, values] of read.records.entries()) {
    const line = i + 1;
    if (values.every((v) => !v.trim())) continue;
    if (i === 0 && isHeader(values)) continue;
    if (errors.length >= 50) {
      errors.push("错误过多，仅显示前 50 条");
      break;
    }
    if (values.length < 3) {
      errors.push(`第 ${line} 行：应有 3 列（日期,类型,名称）`);
      continue;
    }
    const [day = "", kindText = "", name = ""] = values.map((v) => v.trim());
    const kind = holidayKind(kindText);
    const nameProblem = holidayNameProblem(name);
    const validDay = isCalendarDate(day);
    const earlier = seen.get(day);
    if (!validDay) errors.push(`第 ${line} 行：日期无效，应为 YYYY-MM-DD 格式的真实日期`);
    else if (earlier) errors.push(`第 ${line} 行：日期 ${day} 与第 ${earlier} 行重复`);
    else seen.set(day, line);
    if (!kind) errors.push(`第 ${line} 行：类型应为“放假”或“上班”`);
    if (nameProblem) errors.push(`第 ${line} 行：${nameProblem}`);
    if (kind && !nameProblem && validDay && !earlier) rows.push({ day, kind, name });
  }
  if (errors.length === 0 && rows.length === 0) errors.push("文件中没有节假日数据");
  if (rows.length > MAX_HOLIDAY_ROWS) errors.push(`一次最多导入 ${MAX_HOLIDAY_ROWS} 行`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
