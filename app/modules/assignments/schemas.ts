import { z } from "zod";
import { UNIT_SORTS } from "./unit-page.ts";
import { calendarDate, freeText, idField, MAX_ID } from "#app/utils/input.ts";

const Day = calendarDate("截止日期");
const list = (max: number, message: string) =>
  z
    .string()
    .max(20_000)
    .optional()
    .default("")
    .transform((v) => [
      ...new Set(
        v
          .split(/[\s,，、;；]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .refine((v) => v.length <= max, message);

/** Ids posted by the pickers (checkboxes, chips): one or many, each a row id. */
const ids = (max: number, message: string, invalid: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [
      ...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => Number(s))),
    ])
    .refine((v) => v.every((n) => Number.isInteger(n) && n > 0 && n <= MAX_ID), invalid)
    .refine((v) => v.length <= max, message);

/** The fields, checked in the browser too (the pickers' choices are not react-hook-form's). */
export const AssignmentFields = z
  .object({
    title: freeText("任务名称", 60, { verb: "输入" }),
    note: freeText("说明", 500, { min: 0, multiline: true }).optional().default(""),
    dueDate: Day,
    courseId: z
      .union([z.string(), z.array(z.string())], { error: "请至少选择一门课程" })
      .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map(Number))])
      .refine(
        (v) => v.length > 0 && v.every((n) => Number.isInteger(n) && n > 0 && n <= MAX_ID),
        "请至少选择一门课程",
      ),
    unitCodes: list(200, "一次最多指定 200 个单位"),
    // "on" from a posted form; react-hook-form reports an unticked box as false.
    includeSubunits: z.union([z.literal("on"), z.literal(false)]).optional(),
    usernames: list(5000, "一次最多指定 5000 名人员"),
    /** The unit tree picker: a unit alone, or a unit with everything below it. */
    unitId: ids(200, "一次最多指定 200 个单位", "所选单位无效"),
    subtreeId: ids(200, "一次最多指定 200 个单位", "所选单位无效"),
    /** The people picker's chips. */
    userId: ids(5000, "一次最多指定 5000 名人员", "所选人员无效"),
  })
  .strict();

export const CreateAssignmentSchema = AssignmentFields.refine(
  (v) =>
    v.unitCodes.length +
      v.usernames.length +
      v.unitId.length +
      v.subtreeId.length +
      v.userId.length >
    0,
  { path: ["units"], message: "请至少选择一个单位或一名人员" },
);

export const ExtendAssignmentSchema = z
  .object({ intent: z.literal("extend"), dueDate: Day })
  .strict();
export const WithdrawAssignmentSchema = z.object({ intent: z.literal("withdraw") }).strict();
export const RemindSchema = z.object({ intent: z.literal("remind") }).strict();
export const RemindOneSchema = z
  .object({ intent: z.literal("remind-one"), userId: idField() })
  .strict();

export const AuditFilterSchema = z.object({
  unit: idField().optional(),
  status: z.enum(["", "completed", "in_progress", "not_started", "overdue"]).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
  /** The child units: their order and page (people page with `page`). */
  sort: z.enum(UNIT_SORTS).default("order"),
  upage: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** The end of a calendar day in Beijing time: a task due 2026-12-31 is overdue from 2027-01-01 00:00 +08:00. */
export function dueAtFor(day: string): Date {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000 - 1);
}

export function dueDayOf(dueAt: Date): string {
  return new Date(dueAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
