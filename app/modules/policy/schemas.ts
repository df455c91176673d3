import { z } from "zod";
import { freeText, idField, optionalCalendarDate } from "#app/utils/input.ts";

// Shared inputs of 政策解读 (issue 20). Browser-safe: the forms use the same schemas.

/** The fixed industry list of interpretations and enterprise subscriptions. */
export const INDUSTRIES = [
  "通用",
  "软件和信息技术服务",
  "数据服务",
  "电子商务",
  "制造业",
  "批发零售",
  "建筑和房地产",
  "交通物流",
  "金融",
  "医疗健康",
  "教育培训",
  "餐饮住宿",
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const AUDIENCE_LABELS = {
  forStaff: "工作人员",
  forEnterprise: "企业",
  isPublic: "社会公众（无需登录即可阅读）",
} as const;

export const STAGES = ["DRAFT", "REVIEW", "PUBLISHED", "REPEALED"] as const;
export type Stage = (typeof STAGES)[number];

/** The Chinese status of a doc: a published doc with more than one version is 已修订. */
export function stageLabel(stage: string, publishedVersion: number): string {
  if (stage === "DRAFT") return publishedVersion > 0 ? "修订草稿" : "草稿";
  if (stage === "REVIEW") return "法规审核中";
  if (stage === "REPEALED") return "已废止";
  return publishedVersion > 1 ? "已修订" : "已发布";
}

export const KIND_LABELS: Record<string, string> = {
  INTERPRETATION: "政策解读",
  EXPRESS: "新法速递",
};

const MAX_POINTS = 10;
const MAX_FAQ = 20;

/** Key points: one per line, empty lines dropped. */
export function splitPoints(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

export type Faq = { q: string; a: string };
/** FAQ: blocks separated by a blank line; the first line is the question, the rest the answer. */
export function splitFaq(text: string): Faq[] {
  return text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => {
      const [q = "", ...rest] = b.split("\n");
      return {
        q: q.replace(/^问[：:]\s*/, "").trim(),
        a: rest
          .join("\n")
          .replace(/^答[：:]\s*/, "")
          .trim(),
      };
    });
}

const checkbox = z.enum(["on"], { error: "选项无效" }).optional();
const lawIdText = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,80}$/, "请选择法律法规")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** The edit form of a draft (the author's working copy). */
export const PolicyEditSchema = z
  .object({
    intent: z.literal("save").optional(),
    title: freeText("标题", 100),
    instrument: z.enum(["law", "doc"], { error: "请选择解读对象的类型" }),
    lawId: lawIdText,
    articles: z
      .string()
      .trim()
      .max(60, "条文最多 60 个字符")
      .regex(/^[\d,，、\s-]*$/, "条文请写条号，如 21 或 21,22 或 21-23")
      .optional()
      .default(""),
    docTitle: freeText("文件名称", 100, { min: 0 }).optional().default(""),
    docNumber: freeText("文号", 50, { min: 0 }).optional().default(""),
    docDate: optionalCalendarDate("发文日期"),
    body: freeText("正文", 20000, { multiline: true }),
    keyPoints: freeText("要点", 3000, { min: 0, multiline: true })
      .optional()
      .default("")
      .refine((v) => splitPoints(v).length <= MAX_POINTS, `要点最多 ${MAX_POINTS} 条`)
      .refine((v) => splitPoints(v).every((p) => p.length <= 200), "每条要点最多 200 个字符"),
    faq: freeText("问答", 10000, { min: 0, multiline: true })
      .optional()
      .default("")
      .refine((v) => splitFaq(v).length <= MAX_FAQ, `问答最多 ${MAX_FAQ} 条`)
      .refine((v) => splitFaq(v).every((f) => f.q && f.a), "每条问答第一行写问题，下一行起写回答"),
    forStaff: checkbox,
    forEnterprise: checkbox,
    isPublic: checkbox,
    industries: z
      .union([z.enum(INDUSTRIES), z.array(z.enum(INDUSTRIES)).max(INDUSTRIES.length)], {
        error: "行业无效",
      })
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.forStaff && !v.forEnterprise && !v.isPublic)
      ctx.addIssue({ code: "custom", path: ["forStaff"], message: "请至少选择一类读者" });
    if (v.industries.length === 0)
      ctx.addIssue({ code: "custom", path: ["industries"], message: "请至少选择一个行业" });
    if (v.instrument === "law" && !v.lawId)
      ctx.addIssue({ code: "custom", path: ["lawId"], message: "请选择法律法规" });
    if (v.instrument === "doc") {
      if (!v.docTitle)
        ctx.addIssue({ code: "custom", path: ["docTitle"], message: "请填写文件名称" });
      if (!v.docNumber)
        ctx.addIssue({ code: "custom", path: ["docNumber"], message: "请填写文号" });
      if (!v.docDate)
        ctx.addIssue({ code: "custom", path: ["docDate"], message: "请选择发文日期" });
    }
  });
export type PolicyEditInput = z.output<typeof PolicyEditSchema>;

const comment = freeText("审核意见", 500, { min: 0, multiline: true }).optional().default("");

/** The workflow buttons of the manage page (each its own intent). */
export const PolicyStepSchemas = {
  submit: z.object({ intent: z.literal("submit") }).strict(),
  approve: z.object({ intent: z.literal("approve"), comment }).strict(),
  return: z
    .object({
      intent: z.literal("return"),
      comment: freeText("退回意见", 500, { multiline: true }),
    })
    .strict(),
  revise: z.object({ intent: z.literal("revise") }).strict(),
  repeal: z.object({ intent: z.literal("repeal") }).strict(),
};

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}最多 ${max} 个字符`).optional().default("");
const emptyToUndefined = <T extends z.ZodType>(s: T) =>
  s.optional().or(z.literal("").transform(() => undefined));

/** The readers' search (GET form). */
export const PolicyListQuerySchema = z
  .object({
    q: optionalText("检索词", 50),
    law: emptyToUndefined(
      z.union([z.literal("other"), z.string().regex(/^[a-z0-9-]{1,80}$/, "法律法规无效")]),
    ),
    industry: emptyToUndefined(z.enum(INDUSTRIES, { error: "行业无效" })),
    from: optionalCalendarDate("起始日期"),
    to: optionalCalendarDate("截止日期"),
    page: emptyToUndefined(
      z.coerce.number().int().min(1, "页码无效").max(1000, "页码无效"),
    ).default(1),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: "起始日期不能晚于截止日期",
    path: ["to"],
  });
export type PolicyListQuery = z.output<typeof PolicyListQuerySchema>;

export const VersionQuerySchema = z
  .object({
    v: emptyToUndefined(z.coerce.number().int().min(1, "版本无效").max(10000, "版本无效")),
    // The redirect after "我已阅读" (the page then says so).
    confirmed: z.enum(["1"], { error: "参数无效" }).optional(),
  })
  .strict();

export const SubscriptionSchema = z
  .object({
    industries: z
      .union([z.enum(INDUSTRIES), z.array(z.enum(INDUSTRIES)).max(INDUSTRIES.length)], {
        error: "行业无效",
      })
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
  })
  .strict();

export const ConfirmReadSchema = z.object({ intent: z.literal("confirm") }).strict();

export const SectionSchemas = {
  add: z.object({ intent: z.literal("add"), username: freeText("用户名", 64) }).strict(),
  remove: z.object({ intent: z.literal("remove"), userId: idField("用户") }).strict(),
};

export const ReadingSchema = z
  .object({
    docId: idField("政策解读", "请选择政策解读"),
    unitId: idField("单位", "请选择单位"),
    withSubunits: checkbox,
    dueDate: optionalCalendarDate("截止日期"),
  })
  .strict();

export const PolicyIdParam = idField("政策解读", "政策解读不存在");

/** The "done" notice after a redirect (manage, section and subscription pages). */
export const DoneQuerySchema = z.object({
  done: z
    .enum(["saved", "submit", "approve", "return", "revise", "repeal", "add", "remove"], {
      error: "参数无效",
    })
    .optional(),
  saved: z.enum(["1"], { error: "参数无效" }).optional(),
});

/** The done query, or a 400 with its Chinese message. */
export function doneOf(parsed: z.ZodSafeParseResult<z.output<typeof DoneQuerySchema>>) {
  if (!parsed.success)
    throw new Response(parsed.error.issues[0]?.message ?? "参数无效", { status: 400 });
  return parsed.data;
}
