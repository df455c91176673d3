import { z } from "zod";
import { idField, MAX_ID } from "#app/utils/input.ts";

// Event materials and the attendance-sheet import (issue 20): the forms' schemas and labels,
// browser-safe.

export const MATERIAL_KINDS = ["HANDOUT", "CASE", "OTHER"] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  HANDOUT: "讲义",
  CASE: "案例材料",
  OTHER: "其他",
};
export const materialKindLabel = (kind: string) =>
  Object.hasOwn(MATERIAL_KIND_LABELS, kind) ? MATERIAL_KIND_LABELS[kind as MaterialKind] : kind;

/** The most materials one event keeps (each at most the booking upload's size limit). */
export const MAX_MATERIALS = 20;

/** The upload form's text fields (the files come through the booking upload reader). */
export const MaterialUploadSchema = z
  .object({
    intent: z.literal("upload"),
    kind: z.enum(MATERIAL_KINDS, { error: "请选择资料类别" }),
  })
  .strict();

export const DeleteMaterialSchema = z
  .object({ intent: z.literal("deleteMaterial"), materialId: idField("资料编号") })
  .strict();

/** Rows an attendance sheet may have (a venue's sign-in sheet, not a roster). */
export const MAX_SHEET_ROWS = 5000;
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;

export const ImportPreviewSchema = z.object({ intent: z.literal("preview") }).strict();

/** The confirmation carries the matched people of the preview; the server checks them again. */
export const ImportConfirmSchema = z
  .object({
    intent: z.literal("confirm"),
    userIds: z
      .string({ error: "请先上传签到表并预览" })
      .max(60_000, "签到表人数过多")
      .transform((v, ctx) => {
        const ids = v.split(",").filter(Boolean).map(Number);
        if (
          ids.length === 0 ||
          ids.length > MAX_SHEET_ROWS ||
          !ids.every((n) => Number.isInteger(n) && n > 0 && n <= MAX_ID)
        ) {
          ctx.addIssue({ code: "custom", message: "没有可导入的人员，请重新上传签到表" });
          return z.NEVER;
        }
        return [...new Set(ids)];
      }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "请重新上传签到表"),
  })
  .strict();
