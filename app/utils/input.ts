// Shared field types for every form and query schema (browser-safe: react-hook-form uses the
// same schemas). A value either parses into something the database and Date can hold, or the
// schema refuses it with a Chinese message: never rolled over, never passed on to fail later.
import { z } from "zod";

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The years a date field accepts: wide enough for any real record, narrow enough for Date/SQL. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

/** True when "YYYY-MM-DD" names a day that exists (no 02-30, no month 13) in the allowed years. */
export function isCalendarDate(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no zone shifts the answer).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date "YYYY-MM-DD" (a day in Asia/Shanghai; see dates.ts shanghaiDayStart). */
export function calendarDate(label = "日期") {
  return z
    .string({ error: `请选择${label}` })
    .trim()
    .min(1, `请选择${label}`)
    .regex(DAY_RE, `${label}格式应为 YYYY-MM-DD`)
    .refine(isCalendarDate, `${label}不是有效的日期`);
}

/** An optional filter date: "" (no filter) or a calendar date. */
export function optionalCalendarDate(label = "日期") {
  return z
    .union([z.literal(""), calendarDate(label)], { error: `${label}不是有效的日期` })
    .optional()
    .default("");
}

const INT_RE = /^-?\d{1,16}$/;

/**
 * An integer from a form or query string, within [min, max]. Only plain decimal digits count
 * ("1e3", "0x10", " 12", "" are refused), so no value outside the bounds reaches a query.
 */
export function boundedInt(min: number, max: number, label = "数值", message?: string) {
  return z
    .union([z.string(), z.number()], { error: message ?? `请输入${label}` })
    .transform((v, ctx) => {
      const s = typeof v === "number" ? String(v) : v.trim();
      const n = INT_RE.test(s) ? Number(s) : NaN;
      if (!Number.isSafeInteger(n)) {
        ctx.addIssue({ code: "custom", message: message ?? `${label}应为整数` });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: "custom", message: message ?? `${label}应在 ${min} 到 ${max} 之间` });
        return z.NEVER;
      }
      return n;
    });
}

/** The largest id a row can have (Prisma's Int is 32-bit). */
export const MAX_ID = 2_147_483_647;

/** A row id (positive 32-bit integer). */
export function idField(label = "编号", message?: string) {
  return boundedInt(1, MAX_ID, label, message);
}

/** The instants a time field accepts: 2000-01-01 to 2100-01-01 Beijing time, in epoch ms. */
export const MIN_INSTANT = Date.UTC(1999, 11, 31, 16);
export const MAX_INSTANT = Date.UTC(2099, 11, 31, 16);

/** A moment in time, sent as epoch milliseconds (e.g. a booking slot's start). */
export function beijingInstant(label = "时间", message?: string) {
  return boundedInt(MIN_INSTANT, MAX_INSTANT, label, message);
}

// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Free text: trimmed, at most `max` characters, no control characters (line breaks only when
 * `multiline`), no U+FFFD (what a decoder leaves for invalid UTF-8; parseFormData refuses it too).
 */
export function freeText(
  label: string,
  max: number,
  opts: { min?: number; multiline?: boolean; verb?: "填写" | "输入" } = {},
) {
  const min = opts.min ?? 1;
  const control = opts.multiline ? CONTROL_MULTILINE : CONTROL_LINE;
  const required = `请${opts.verb ?? "填写"}${label}`;
  return z
    .string({ error: required })
    .trim()
    .min(min, required)
    .max(max, `${label}最多 ${max} 个字符`)
    .refine((v) => !control.test(v) && !v.includes("\ufffd"), `${label}包含不允许的字符`);
}

/** The `intent` of a form with several actions. */
export function intentField<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: "未知的操作" });
}

/**
 * The schema for a submitted intent, looked up among the object's own keys only, so
 * `intent=toString`, `__proto__` or `constructor` find nothing instead of a prototype member.
 */
export function schemaForIntent<M extends Record<string, z.ZodType>>(
  schemas: M,
  intent: unknown,
): M[keyof M] | null {
  return typeof intent === "string" && Object.hasOwn(schemas, intent)
    ? (schemas[intent as keyof M] ?? null)
    : null;
}
