export const ROLES = ["STAFF", "MANAGER", "EXPERT", "ENTERPRISE", "ADMIN", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  STAFF: "工作人员",
  MANAGER: "培训管理员",
  EXPERT: "法律顾问",
  ENTERPRISE: "企业用户",
  ADMIN: "系统管理员",
  AUDITOR: "审计管理员",
};

/**
 * Roles a system administrator may give, take or manage (三员分立, decision 0012): never
 * AUDITOR, whose accounts are managed only by `npm run auditor` on the server.
 */
export const ADMIN_MANAGED_ROLES = ROLES.filter(
  (r): r is Exclude<Role, "AUDITOR"> => r !== "AUDITOR",
);

/** Roles that belong to an org unit. */
export const UNIT_ROLES: readonly Role[] = ["STAFF", "MANAGER"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}
