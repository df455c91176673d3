import { z } from "zod";
import { MobileSchema, PersonNameSchema, UsernameSchema } from "#app/modules/auth/schemas.ts";
import { ADMIN_MANAGED_ROLES, ROLES } from "#app/utils/roles.ts";
import { intentField } from "#app/utils/input.ts";

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
});

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
