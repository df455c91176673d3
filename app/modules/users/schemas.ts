import { z } from "zod";
import { MobileSchema, PersonNameSchema, UsernameSchema } from "#app/modules/auth/schemas.ts";
import { ADMIN_MANAGED_ROLES, ROLES } from "#app/utils/roles.ts";
import { intentField, MAX_ID } from "#app/utils/input.ts";

const RoleSchema = z.enum(ROLES, { error: "请选择有效的角色" });
/** What the admin user forms may set: never AUDITOR (三员分立). */
const ManagedRoleSchema = z.enum(ADMIN_MANAGED_ROLES, {
  error: "请选择有效的角色（审计管理员只能在服务器上用命令行管理）",
});

export const UserSearchSchema = z.object({
  q: z.string().trim().max(50).optional().default(""),
  role: z
    .union([z.literal(""), RoleSchema])
    .optional()
    .default(""),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
  /** After a bulk action: what was done to how many, and a reset's passwords to show once. */
  done: z.enum(["disable", "enable", "reset-password", "move"]).optional(),
  count: z.coerce.number().int().min(0).max(1000).optional(),
  reset: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
});

/** Bulk actions (issue 17): "preview" shows the confirmation, "apply" runs the confirmed action. */
export const BulkUserSchema = z
  .object({
    intent: z.enum(["bulk-preview", "bulk-apply"], { error: "未知的操作" }),
    bulkAction: z.enum(["disable", "enable", "reset-password", "move"], {
      error: "请选择批量操作",
    }),
    userId: z
      .union([z.string(), z.array(z.string())], { error: "请先勾选要操作的用户" })
      .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map(Number))])
      .refine(
        (v) => v.length > 0 && v.every((n) => Number.isInteger(n) && n > 0 && n <= MAX_ID),
        "请先勾选要操作的用户",
      )
      .refine((v) => v.length <= 100, "一次最多操作 100 个用户，请分批进行"),
    orgUnitCode: z.string().trim().max(40, "单位编码最多 40 个字符").optional().default(""),
  })
  .strict();

export const BulkCredentialsSchema = z
  .object({
    reset: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "该密码下载已失效"),
    intent: z.enum(["download", "forget"]).optional(),
  })
  .strict();

const UserFields = {
  name: PersonNameSchema,
  role: ManagedRoleSchema,
  orgUnitCode: z.string().trim().max(40).optional().default(""),
  mobile: z.union([z.literal(""), MobileSchema]),
};

/** STAFF and MANAGER belong to a unit; the other roles to none. */
function unitRule<T extends { role: string; orgUnitCode: string }>(v: T, ctx: z.RefinementCtx) {
  const needsUnit = v.role === "STAFF" || v.role === "MANAGER";
  if (needsUnit && !v.orgUnitCode)
    ctx.addIssue({
      code: "custom",
      path: ["orgUnitCode"],
      message: "工作人员和培训管理员必须属于一个单位",
    });
}

export const CreateUserSchema = z
  .object({ intent: z.literal("create"), username: UsernameSchema, ...UserFields })
  .strict()
  .superRefine(unitRule);

export const UpdateUserSchema = z
  .object({ intent: z.literal("update"), ...UserFields })
  .strict()
  .superRefine(unitRule);

export const UserStatusSchema = z
  .object({ intent: intentField(["disable", "enable", "reset-password"]) })
  .strict();
