import { z } from "zod";

export const SlugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "只能用小写字母、数字和连字符");

export const CourseMetaSchema = z
  .object({
    title: z.string().min(1).max(60),
    category: z.string().min(1).max(20),
    audience: z.enum(["STAFF", "ENTERPRISE", "ALL"]),
    creditHours: z.number().positive().max(100).multipleOf(0.5),
    summary: z.string().min(10).max(500),
    passMark: z.number().int().min(1).max(100).default(80),
    questionsPerAttempt: z.number().int().min(1).max(100),
    timeLimitMinutes: z.number().int().min(1).max(600),
    attemptLimit: z.number().int().min(1).max(100),
    order: z.number().int().default(0),
    quizIntro: z.string().max(5000).optional(),
  })
  .strict();
export type CourseMeta = z.infer<typeof CourseMetaSchema>;

export const LessonFrontSchema = z
  .object({
    title: z.string().min(1).max(80),
    minReadMinutes: z.number().positive().max(240).optional(),
  })
  .strict();

const OptionSchema = z.object({ id: z.enum(["a", "b", "c", "d", "e", "f"]), text: z.string().min(1).max(500) }).strict();

const Base = {
  id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "题目 id 只能用字母、数字和连字符"),
  scenario: z.string().max(3000).optional(),
  stem: z.string().min(1).max(1000),
  explanation: z.string().min(1).max(5000),
};

function optionsUnique(options: { id: string }[], ctx: z.RefinementCtx) {
  if (new Set(options.map((o) => o.id)).size !== options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "选项 id 重复" });
}

export const QuestionSchema = z.discriminatedUnion("type", [
  z
    .object({ ...Base, type: z.literal("single"), options: z.array(OptionSchema).min(2).max(6), answer: z.string() })
    .strict()
    .superRefine((q, ctx) => {
      optionsUnique(q.options, ctx);
      if (!q.options.some((o) => o.id === q.answer)) ctx.addIssue({ code: "custom", path: ["answer"], message: "答案不是任何一个选项的 id" });
    }),
  z
    .object({ ...Base, type: z.literal("multiple"), options: z.array(OptionSchema).min(3).max(6), answer: z.array(z.string()).min(2) })
    .strict()
    .superRefine((q, ctx) => {
      optionsUnique(q.options, ctx);
      for (const a of q.answer) if (!q.options.some((o) => o.id === a)) ctx.addIssue({ code: "custom", path: ["answer"], message: `答案 ${a} 不是任何一个选项的 id` });
      if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: "custom", path: ["answer"], message: "答案重复" });
    }),
  z.object({ ...Base, type: z.literal("truefalse"), answer: z.boolean() }).strict(),
]);
export type QuestionSpec = z.infer<typeof QuestionSchema>;

export const QuestionBankSchema = z.array(QuestionSchema).min(1);
