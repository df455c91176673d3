import { z } from "zod";
import { idField } from "#app/utils/input.ts";

/** The catalogue's status filter: by the learner's progress, or his assigned (必修) courses. */
export const CATALOG_STATUSES = {
  not_started: "未开始",
  in_progress: "学习中",
  completed: "已完成",
  required: "必修",
} as const;
export type CatalogStatus = keyof typeof CATALOG_STATUSES;

export const CatalogFilterSchema = z.object({
  q: z.string().trim().max(40, "搜索词最多 40 个字符").optional().default(""),
  category: z.string().trim().max(20, "主题最多 20 个字符").optional().default(""),
  status: z
    .union([
      z.literal(""),
      z.enum(Object.keys(CATALOG_STATUSES) as [CatalogStatus, ...CatalogStatus[]], {
        error: "未知的学习状态",
      }),
    ])
    .optional()
    .default(""),
});

export const MarkReadSchema = z.object({ intent: z.literal("mark-read") }).strict();
export const StartQuizSchema = z.object({ intent: z.literal("start-quiz") }).strict();
export const StartPracticeSchema = z
  .object({ intent: z.literal("practice"), courseId: idField() })
  .strict();

/** Answer fields are q<questionId>; anything else (score, passed, …) is refused. */
export const VerifySchema = z.object({
  no: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^FZXT-\d{4}-[0-9A-Z]{8}$/, "证书编号格式应为 FZXT-年份-8位字符"),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{8}$/, "验证码为 8 位字母或数字"),
});

export const AnnualHoursSchema = z
  .object({
    annualCreditHours: z.coerce
      .number({ error: "请输入数字" })
      .min(1, "至少 1 学时")
      .max(500, "最多 500 学时"),
  })
  .strict();

/** Who sits the annual law exam: staff (managers are staff too). */
export const EXAM_ROLES = ["STAFF", "MANAGER"] as const;
export const StartExamSchema = z.object({ intent: z.literal("start") }).strict();

const examNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: "请输入数字" })
    .int(`${label}须为整数`)
    .min(min, `${label}至少为 ${min}`)
    .max(max, `${label}最多为 ${max}`);
export const ExamSettingsSchema = z
  .object({
    examQuestions: examNumber("题量", 10, 200),
    examMinutes: examNumber("考试时长", 10, 300),
    examPassMark: examNumber("及格分", 1, 100),
    examAttempts: examNumber("每年次数", 1, 10),
  })
  .strict();
