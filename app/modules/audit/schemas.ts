import { z } from "zod";
import { idField, optionalCalendarDate } from "#app/utils/input.ts";
import { AUDIT_ACTION_KEYS } from "./actions.ts";
import { OBJECT_KIND_KEYS, RESULT_KEYS } from "./catalog.ts";

const Day = optionalCalendarDate("日期");
const either = <T extends [string, ...string[]]>(keys: T, message: string) =>
  z
    .union([z.literal(""), z.enum(keys, { error: message })], { error: message })
    .optional()
    .default("");
const CURSOR_ERROR = "翻页位置无效，请从第一页重新查看";
const Cursor = z
  .union([z.literal(""), idField("记录编号", CURSOR_ERROR)], { error: CURSOR_ERROR })
  .optional()
  .default("");

/** The audit log's filters (also the export's); dates are Beijing calendar days, both included. */
export const AuditFilterSchema = z
  .object({
    action: either(AUDIT_ACTION_KEYS, "未知的操作类型"),
    person: z.string().trim().max(32, "人员最多 32 个字符").optional().default(""),
    kind: either(OBJECT_KIND_KEYS, "未知的对象类型"),
    result: either(RESULT_KEYS, "未知的结果"),
    from: Day,
    to: Day,
    /** Keyset paging: rows older than this row (next page) or newer (previous page). */
    before: Cursor,
    after: Cursor,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ["to"],
    message: "结束日期不能早于开始日期",
  });
export type AuditFilter = z.output<typeof AuditFilterSchema>;

/** The security summary's range: Beijing days, both included, at most a year. */
export const SecurityRangeSchema = z
  .object({ from: Day, to: Day })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ["to"],
    message: "结束日期不能早于开始日期",
  });
