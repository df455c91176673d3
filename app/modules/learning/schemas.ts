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
    certificateIssuer: z
      .string()
      .trim()
      .min(2, "请填写证书颁发单位（至少 2 个字）")
      .max(40, "证书颁发单位最多 40 个字")
      .regex(/^[^<>\r\n]*$/, "证书颁发单位不能包含尖括号或换行"),
    /** Days before an assignment's due date for the scheduled reminder (0: off); absent: unchanged. */
    remindDaysBefore: z.coerce
      .number({ error: "请输入数字" })
      .int("天数须为整数")
      .min(0, "不能小于 0（0 表示不发送）")
      .max(60, "最多 60 天")
      .optional(),
  })
  .strict();

/** Who sits the annual law exam: staff (managers are staff too). */
export const EXAM_ROLES = ["STAFF", "MANAGER"] as const;
/** The 考前须知 confirmation: no attempt starts (and none is used) without the ticked box. */
export const StartExamSchema = z
  .object({
    intent: z.literal("start"),
    confirm: z.literal("on", { error: "请先阅读考前须知并勾选“我已阅读并同意”" }),
  })
  .strict();

const examNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: "请输入数字" })
    .int(`${label}须为整数`)
    .min(min, `${label}至少为 ${min}`)
    .max(max, `${label}最多为 ${max}`);
/** A Beijing calendar day of the exam window, or empty for no bound. */
const examDay = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 YYYY-MM-DD")
  .refine((v) => !v || !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`)), "日期无效")
  .optional()
  .default("");
export const ExamSettingsSchema = z
  .object({
    examQuestions: examNumber("题量", 10, 200),
    examMinutes: examNumber("考试时长", 10, 300),
    examPassMark: examNumber("及格分", 1, 100),
    examAttempts: examNumber("每年次数", 1, 10),
    examOpensOn: examDay,
    examClosesOn: examDay,
  })
  .strict()
  .refine((v) => !v.examOpensOn || !v.examClosesOn || v.examClosesOn >= v.examOpensOn, {
    path: ["examClosesOn"],
    error: "结束日期不能早于开始日期",
  });

/** 错题本 practice: which course (none: the whole book) and the question answered last. */
export const PracticeQuerySchema = z
  .object({ course: idField().optional(), after: idField().optional() })
  .strict();

const answerIds = z
  .union([z.string(), z.array(z.string())], { error: "请先选择答案" })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().max(4)).min(1, "请先选择答案").max(6, "提交的答案无效"));

/** One practice answer: the question and the chosen option ids ("answer", repeated for 多选). */
export const PracticeAnswerSchema = z
  .object({
    intent: z.literal("answer"),
    questionId: idField(),
    course: idField().optional(),
    answer: answerIds,
  })
  .strict();
