import { z } from "zod";
import { calendarDate, freeText, MAX_YEAR, MIN_YEAR, boundedInt } from "#app/utils/input.ts";

// The /admin/holidays forms (the CSV import is read by holiday-csv.server.ts).
export const HOLIDAY_KINDS = ["HOLIDAY", "WORKDAY"] as const;
export const HOLIDAY_KIND_LABELS: Record<(typeof HOLIDAY_KINDS)[number], string> = {
  HOLIDAY: "放假（法定节假日）",
  WORKDAY: "上班（调休工作日）",
};

export const AddHolidaySchema = z
  .object({
    intent: z.literal("add"),
    day: calendarDate("日期"),
    kind: z.enum(HOLIDAY_KINDS, { error: "请选择类型" }),
    name: freeText("名称", 20),
  })
  .strict();

export const RemoveHolidaySchema = z
  .object({ intent: z.literal("remove"), day: calendarDate("日期") })
  .strict();

export const HolidayYearQuery = z.object({
  year: boundedInt(MIN_YEAR, MAX_YEAR, "年份").optional(),
});

/** The import form's fields besides its file. */
export const ImportHolidaySchema = z.object({ intent: z.literal("import") }).strict();
