import type { Role } from "#app/utils/roles.ts";

/** Roles that take courses, and the course audiences each may open. */
export const LEARNER_ROLES: readonly Role[] = ["STAFF", "MANAGER", "ENTERPRISE"];

export function audiencesFor(role: string): string[] {
  if (role === "ENTERPRISE") return ["ENTERPRISE", "ALL"];
  if (role === "STAFF" || role === "MANAGER") return ["STAFF", "ALL"];
  return [];
}

export const AUDIENCE_LABELS: Record<string, string> = {
  STAFF: "工作人员",
  ENTERPRISE: "企业",
  ALL: "全部用户",
};
