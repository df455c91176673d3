import { z } from "zod";

export const UNIT_KINDS = {
  UNIT: "市直单位",
  DISTRICT: "区县（市）及开发区",
  COUNTY_UNIT: "区县直属单位",
  TOWNSHIP: "乡镇（街道）",
  DEPARTMENT: "内设科室",
} as const;
export type UnitKind = keyof typeof UNIT_KINDS | "CITY";

export const TIER_LABELS: Record<number, string> = {
  0: "市级（根）",
  1: "市直",
  2: "区县级",
  3: "乡镇街道级",
};

/** The tier a new unit gets: fixed by its kind, except a department, which takes its parent's. */
export function tierFor(kind: UnitKind, parentTier: number): number {
  switch (kind) {
    case "CITY":
      return 0;
    case "UNIT":
      return 1;
    case "DISTRICT":
    case "COUNTY_UNIT":
      return 2;
    case "TOWNSHIP":
      return 3;
    case "DEPARTMENT":
      return parentTier;
  }
}

const UnitName = z
  .string({ error: "请输入单位名称" })
  .trim()
  .min(1, "请输入单位名称")
  .max(60, "单位名称最多 60 个字符")
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f<>]+$/, "单位名称包含不允许的字符");

export const UnitCodeSchema = z
  .string({ error: "请输入单位编码" })
  .trim()
  .min(2, "单位编码至少 2 个字符")
  .max(40, "单位编码最多 40 个字符")
  .regex(/^[A-Za-z0-9-]+$/, "单位编码只能包含字母、数字和连字符");

export const CreateUnitSchema = z
  .object({
    intent: z.literal("create"),
    name: UnitName,
    code: UnitCodeSchema,
    kind: z.enum(Object.keys(UNIT_KINDS) as [keyof typeof UNIT_KINDS], { error: "请选择单位类型" }),
  })
  .strict();

export const RenameUnitSchema = z.object({ intent: z.literal("rename"), name: UnitName }).strict();
export const MoveUnitSchema = z
  .object({ intent: z.literal("move"), parentCode: UnitCodeSchema })
  .strict();
export const DeleteUnitSchema = z.object({ intent: z.literal("delete") }).strict();

/**
 * `open=12,34`: the units a lazy tree shows opened (decision 0019), ids separated by commas, at
 * most 200. The ids are checked against the viewer's subtree by the tree itself.
 */
export const OpenUnitsParam = z
  .string()
  .max(2400, "展开的单位过多")
  .regex(/^(\d{1,10}(,\d{1,10})*)?$/, "展开的单位无效")
  .transform((s, ctx) => {
    const ids = s ? [...new Set(s.split(",").map(Number))] : [];
    if (ids.length > 200 || ids.some((n) => n < 1 || n > 2_147_483_647)) {
      ctx.addIssue({ code: "custom", message: "展开的单位无效" });
      return z.NEVER;
    }
    return ids;
  })
  .optional();

/** The lazy tree's unit search (JSON): a name fragment. */
export const UnitSearchQuery = z
  .object({
    q: z
      .string({ error: "请输入单位名称" })
      .trim()
      .min(1, "请输入单位名称")
      .max(40, "单位名称最多 40 个字"),
  })
  .strict();
