import { z } from "zod";
import { MobileSchema, PersonNameSchema, UsernameSchema } from "#app/modules/auth/schemas.ts";
import { NewPasswordSchema, PASSWORD_MAX_LENGTH } from "#app/utils/password-policy.ts";
import { usccProblem } from "./uscc.ts";
import { beijingInstant, calendarDate, freeText, idField, intentField } from "#app/utils/input.ts";

const text = (label: string, max: number, min = 1) =>
  freeText(label, max, { min, multiline: true });

export const UsccSchema = z
  .string({ error: "请输入统一社会信用代码" })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const RegisterEnterpriseSchema = z
  .object({
    companyName: text("企业名称", 100, 2),
    uscc: UsccSchema,
    contactName: PersonNameSchema,
    mobile: MobileSchema,
    password: NewPasswordSchema,
    confirmPassword: z.string({ error: "请再次输入密码" }).max(PASSWORD_MAX_LENGTH * 4),
  })
  .strict()
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的密码不一致",
  });

const specialtyList = z
  .string()
  .trim()
  .max(200, "专业领域最多 200 个字符")
  .transform((v) => [
    ...new Set(
      v
        .split(/[,，、;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ])
  .refine((v) => v.length >= 1 && v.length <= 10, "请填写 1–10 个专业领域，用顿号或逗号分隔")
  .refine((v) => v.every((s) => s.length <= 20), "每个专业领域最多 20 个字符");

const ProfileFields = {
  name: PersonNameSchema,
  title: text("职称", 50),
  organisation: text("所在机构", 100),
  specialties: specialtyList,
  bio: text("简介", 1000, 0).optional().default(""),
};

export const CreateExpertSchema = z
  .object({ intent: z.literal("create"), username: UsernameSchema, ...ProfileFields })
  .strict();
export const UpdateExpertSchema = z
  .object({ intent: z.literal("update"), ...ProfileFields, active: z.literal("on").optional() })
  .strict();

const HOURS = /^(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** "09:00-12:00, 14:00-17:30" → minute ranges; "" = not available that day. */
export const DayHoursSchema = z
  .string()
  .trim()
  .max(200)
  .optional()
  .default("")
  .transform((v, ctx) => {
    const ranges = v.split(/[,，;；\s]+/).filter(Boolean);
    const out: { startMinute: number; endMinute: number }[] = [];
    for (const r of ranges) {
      const normalised = r.replace(/[–—~～至]/g, "-");
      if (!HOURS.test(normalised)) {
        ctx.addIssue({ code: "custom", message: "时间格式应为 09:00-12:00，多段用逗号分隔" });
        return z.NEVER;
      }
      const [a, b] = normalised.split("-") as [string, string];
      if (toMinutes(a) >= toMinutes(b)) {
        ctx.addIssue({ code: "custom", message: "结束时间应晚于开始时间" });
        return z.NEVER;
      }
      out.push({ startMinute: toMinutes(a), endMinute: toMinutes(b) });
    }
    out.sort((x, y) => x.startMinute - y.startMinute);
    if (out.some((r, i) => i > 0 && r.startMinute < out[i - 1]!.endMinute)) {
      ctx.addIssue({ code: "custom", message: "同一天的时间段不能重叠" });
      return z.NEVER;
    }
    return out;
  });

export const WEEKDAY_LABELS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

export const AvailabilitySchema = z
  .object({
    intent: z.literal("availability"),
    slotMinutes: z.enum(["30", "60"], { error: "时段长度只能是 30 或 60 分钟" }).transform(Number),
    bufferMinutes: z.coerce
      .number({ error: "请输入缓冲时间" })
      .int("请输入整数")
      .min(0, "缓冲时间不能为负")
      .max(120, "缓冲时间最多 120 分钟"),
    dailyMax: z.coerce
      .number({ error: "请输入每日上限" })
      .int("请输入整数")
      .min(1, "每日上限至少 1 个")
      .max(20, "每日上限最多 20 个"),
    hours1: DayHoursSchema,
    hours2: DayHoursSchema,
    hours3: DayHoursSchema,
    hours4: DayHoursSchema,
    hours5: DayHoursSchema,
    hours6: DayHoursSchema,
    hours7: DayHoursSchema,
  })
  .strict();

const Day = calendarDate("日期");
export const LeaveSchema = z
  .object({ intent: intentField(["add-leave", "remove-leave"]), day: Day })
  .strict();

export const BOOKING_TYPES = ["CONTRACT_REVIEW", "CONSULTATION", "TRAINING"] as const;
export const CONSULT_MODES = ["ONLINE", "PHONE", "IN_PERSON"] as const;

export const BookingSchema = z
  .object({
    type: z.enum(BOOKING_TYPES, { error: "请选择服务类型" }),
    expertId: idField("专家", "请选择专家"),
    slot: beijingInstant("时段", "请选择时段"),
    topic: text("主题", 100),
    description: text("情况说明", 2000),
    contactName: PersonNameSchema,
    contactMobile: MobileSchema,
    mode: z
      .union([z.literal(""), z.enum(CONSULT_MODES)])
      .optional()
      .default(""),
    audienceSize: z
      .union([
        z.literal(""),
        z.coerce
          .number()
          .int("请输入整数")
          .min(1, "参训人数至少 1 人")
          .max(2000, "参训人数最多 2000 人"),
      ])
      .optional()
      .default(""),
    trainingTopics: text("培训内容", 500, 0).optional().default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === "CONSULTATION" && !v.mode)
      ctx.addIssue({ code: "custom", path: ["mode"], message: "请选择咨询方式" });
    if (v.type === "TRAINING") {
      if (v.audienceSize === "")
        ctx.addIssue({ code: "custom", path: ["audienceSize"], message: "请填写参训人数" });
      if (!v.trainingTopics)
        ctx.addIssue({ code: "custom", path: ["trainingTopics"], message: "请填写培训内容" });
    }
  });
export type BookingInput = z.output<typeof BookingSchema>;

/** 合同审查 as document work (issue 18): the contract, its purpose and a 期望完成日期; no slot. */
export const ReviewRequestSchema = z
  .object({
    expertId: idField("专家", "请选择专家"),
    topic: text("合同名称", 100),
    description: text("审查目的", 2000),
    wishDate: calendarDate("期望完成日期"),
    contactName: PersonNameSchema,
    contactMobile: MobileSchema,
  })
  .strict();
export type ReviewRequestInput = z.output<typeof ReviewRequestSchema>;

const reason = text("原因", 500);
export const AcceptSchema = z
  .object({ intent: z.literal("accept"), promisedDate: calendarDate("承诺完成日期") })
  .strict();
export const ConfirmSchema = z.object({ intent: z.literal("confirm") }).strict();
export const DeclineSchema = z.object({ intent: z.literal("decline"), reason }).strict();
export const CancelSchema = z.object({ intent: z.literal("cancel"), reason }).strict();
export const NoShowSchema = z.object({ intent: z.literal("no-show") }).strict();
export const CompleteSchema = z
  .object({ intent: z.literal("complete"), opinion: text("书面意见", 10000) })
  .strict();
export const RescheduleSchema = z
  .object({
    intent: z.literal("reschedule"),
    slot: beijingInstant("新时段", "请选择新时段"),
  })
  .strict();
export const RATING_COMMENT_MAX = 500;
export const RateSchema = z
  .object({
    intent: z.literal("rate"),
    score: z.coerce
      .number({ error: "请选择评分" })
      .int("请选择评分")
      .min(1, "评分为 1–5 分")
      .max(5, "评分为 1–5 分"),
    comment: text("评价", RATING_COMMENT_MAX, 0).optional().default(""),
  })
  .strict();

export const ConsultSettingsSchema = z
  .object({
    approvalRequired: z.literal("on").optional(),
    leadHours: z.coerce.number().int("请输入整数").min(0, "不能为负").max(720, "最多 720 小时"),
    horizonDays: z.coerce.number().int("请输入整数").min(1, "至少 1 天").max(90, "最多 90 天"),
    cancelCutoffHours: z.coerce
      .number()
      .int("请输入整数")
      .min(0, "不能为负")
      .max(168, "最多 168 小时"),
    maxActive: z.coerce.number().int("请输入整数").min(1, "至少 1 个").max(50, "最多 50 个"),
    maxFileMb: z.coerce.number().int("请输入整数").min(1, "至少 1 MB").max(10, "最多 10 MB"),
    maxFiles: z.coerce.number().int("请输入整数").min(1, "至少 1 个").max(5, "最多 5 个"),
    retentionDays: z.coerce
      .number()
      .int("请输入整数")
      .min(1, "至少 1 天")
      .max(3650, "最多 3650 天"),
    reviewCapacity: z.coerce.number().int("请输入整数").min(1, "至少 1 件").max(100, "最多 100 件"),
  })
  .strict();

export const AdminBookingFilterSchema = z.object({
  status: z
    .union([
      z.literal(""),
      z.enum(["REQUESTED", "CONFIRMED", "DECLINED", "COMPLETED", "CANCELLED", "NO_SHOW"]),
    ])
    .optional()
    .default(""),
  type: z
    .union([z.literal(""), z.enum(BOOKING_TYPES)])
    .optional()
    .default(""),
  expert: z
    .union([z.literal(""), idField()])
    .optional()
    .default(""),
  from: z
    .union([z.literal(""), Day])
    .optional()
    .default(""),
  to: z
    .union([z.literal(""), Day])
    .optional()
    .default(""),
  q: z.string().trim().max(50).optional().default(""),
  /** "1": only contract reviews past their promised date (issue 18). */
  overdue: z
    .union([z.literal(""), z.literal("1")])
    .optional()
    .default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type AdminBookingFilter = z.output<typeof AdminBookingFilterSchema>;

export const WORKBENCH_TABS = ["pending", "open", "done", "all"] as const;
/** The expert workbench's GET form: tab, search by enterprise or subject, page. */
export const WorkbenchQuerySchema = z
  .object({
    tab: z.enum(WORKBENCH_TABS, { error: "没有这个分类" }).optional().default("pending"),
    q: z.string().trim().max(50, "搜索词最多 50 个字符").optional().default(""),
    page: z.coerce
      .number({ error: "页码无效" })
      .int("页码无效")
      .min(1, "页码无效")
      .max(10_000, "页码无效")
      .optional()
      .default(1),
  })
  .strict();
