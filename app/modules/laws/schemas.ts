import { z } from "zod";
import { RANK_FILTERS } from "./ranks.ts";

// Route inputs of the statute library (query strings only: the library has no forms
// that write). Messages are shown to readers, so they are Chinese.

const VersionParam = z
  .string()
  .regex(/^(\d{4}|\d{4}-\d{2}-\d{2})$/, "版本应写作年份（如 2018）或日期（如 2020-05-01）");

export const LawPageQuerySchema = z.object({
  v: VersionParam.optional(),
  chapter: z.coerce.number().int().min(1, "章节编号无效").max(500).optional(),
  jump: z.string().trim().max(8).optional(),
});

export const ArticleQuerySchema = z.object({ v: VersionParam.optional() });

export const CompareQuerySchema = z.object({
  from: z.string().regex(/^\d{4}$/, "请选择要对照的旧版本"),
  to: z.string().regex(/^\d{4}$/, "请选择要对照的新版本"),
  old: z.coerce.number().int().min(1).max(9999).optional(),
  new: z.coerce.number().int().min(1).max(9999).optional(),
  all: z.enum(["1"]).optional(),
});

export const LawSearchQuerySchema = z.object({
  q: z.string().trim().max(50, "检索词最多 50 个字符").optional().default(""),
  law: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, "法律无效")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  rank: z
    .enum(RANK_FILTERS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1, "页码无效").max(1000, "页码无效").optional().default(1),
});

/** The first message of a failed parse, for a 400 response. */
export function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? "参数无效";
}

/** The review queue's filter (/admin/citations). */
export const CitationQueueQuerySchema = z.object({
  status: z
    .enum(["open", "confirmed", "needs-edit", "resolved"], { error: "状态无效" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1, "页码无效").max(1000, "页码无效").optional().default(1),
  /** Set by the redirect after a review, for the confirmation notice. */
  done: z.enum(["confirmed", "needs-edit"]).optional().catch(undefined),
});

/** "已核对，无需修改" (confirmed) / "需修改" (needs-edit) on one flag. */
export const CitationReviewSchema = z
  .object({
    intent: z.enum(["confirmed", "needs-edit"], { error: "未知的操作" }),
    flagId: z.coerce
      .number({ error: "核对项无效" })
      .int("核对项无效")
      .min(1, "核对项无效")
      .max(2_147_483_647, "核对项无效"),
    note: z.string().trim().max(200, "备注最多 200 个字").optional(),
  })
  .strict();
