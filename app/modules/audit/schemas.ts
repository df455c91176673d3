import { z } from "zod";
import { optionalCalendarDate } from "#app/utils/input.ts";
import { AUDIT_ACTION_KEYS } from "./actions.ts";

const Day = optionalCalendarDate("日期");

export const AuditFilterSchema = z
  .object({
    user: z.string().trim().max(32, "用户名最多 32 个字符").optional().default(""),
    action: z
      .union([z.literal(""), z.enum(AUDIT_ACTION_KEYS, { error: "未知的操作类型" })])
      .optional()
      .default(""),
    from: Day,
    to: Day,
    page: z.coerce.number().int().min(1).max(100000).optional().default(1),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ["to"],
    message: "结束日期不能早于开始日期",
  });
