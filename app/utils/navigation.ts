import type { Role } from "./roles.ts";

export type NavItem = { to: string; label: string };

const NAV: Record<Role, NavItem[]> = {
  STAFF: [{ to: "/", label: "首页" }],
  MANAGER: [{ to: "/", label: "首页" }],
  EXPERT: [{ to: "/", label: "首页" }],
  ENTERPRISE: [{ to: "/", label: "首页" }],
  ADMIN: [
    { to: "/", label: "首页" },
    { to: "/admin/users", label: "用户管理" },
    { to: "/admin/units", label: "组织机构" },
  ],
  AUDITOR: [
    { to: "/", label: "首页" },
    { to: "/audit", label: "审计日志" },
  ],
};

export function navFor(role: string): NavItem[] {
  return NAV[role as Role] ?? [];
}
