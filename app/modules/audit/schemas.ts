import { z } from "zod";
import { AUDIT_ACTIONS } from "./actions.ts";

const Day = z.union([
  z.literal(""),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
]);

export const AuditFilterSchema = z
  .object({
    user: z.string().trim().max(32, "用户名最多 32 个字符").optional().default(""),
    action: z
      .union([z.literal(""), z.enum(Object.keys(AUDIT_ACTIONS) as [string, ...string[]])])
      .optional()
      .default(""),
    from: Day.optional().default(""),
    to: Day.optional().default(""),
    page: z.coerce.number().int().min(1).max(100000).optional().default(1),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ["to"],
    message: "结束日期不能早于开始日期",
  });
