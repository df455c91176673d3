import type { Role } from "./roles.ts";

export type NavItem = { to: string; label: string };

const HOME = { to: "/", label: "首页" };
const LEARN = [
  { to: "/learn", label: "我的学习" },
  { to: "/learn/courses", label: "课程中心" },
];
const LAWS = { to: "/laws", label: "法律法规库" };
const EXAM = { to: "/learn/exam", label: "年度考试" };
const EVENTS = { to: "/events", label: "讲座研讨" };
const MANAGE_EVENTS = { to: "/manage/events", label: "组织活动" };

const NAV: Record<Role, NavItem[]> = {
  STAFF: [HOME, ...LEARN, EVENTS, EXAM, LAWS],
  MANAGER: [
    HOME,
    { to: "/manage/assignments", label: "学习任务" },
    { to: "/manage/overview", label: "达标率" },
    MANAGE_EVENTS,
    ...LEARN,
    EVENTS,
    EXAM,
    LAWS,
  ],
  EXPERT: [
    HOME,
    { to: "/expert", label: "专家工作台" },
    { to: "/expert/availability", label: "可预约时间" },
    LAWS,
  ],
  ENTERPRISE: [
    HOME,
    { to: "/consult", label: "我的预约" },
    { to: "/consult/new", label: "预约专家" },
    ...LEARN,
    LAWS,
  ],
  ADMIN: [
    HOME,
    { to: "/admin/users", label: "用户管理" },
    { to: "/admin/import", label: "导入人员" },
    { to: "/admin/units", label: "组织机构" },
    { to: "/admin/settings", label: "系统设置" },
    { to: "/admin/bookings", label: "预约管理" },
    { to: "/admin/experts", label: "法律专家" },
    { to: "/admin/enterprises", label: "企业用户" },
    { to: "/admin/consult-settings", label: "预约设置" },
    { to: "/admin/citations", label: "法条变更核对" },
    { to: "/manage/assignments", label: "学习任务" },
    { to: "/manage/overview", label: "达标率" },
    MANAGE_EVENTS,
    LAWS,
  ],
  AUDITOR: [HOME, { to: "/audit", label: "审计日志" }],
};

export function navFor(role: string): NavItem[] {
  return NAV[role as Role] ?? [];
}

/** The staff's bottom tab bar on phones (app/components/app-shell.tsx). */
export const STAFF_TABS = [
  { to: "/", label: "首页", icon: "⌂" },
  { to: "/learn", label: "学习", icon: "▤" },
  { to: "/learn/exam", label: "考试", icon: "✎" },
  { to: "/laws", label: "法规", icon: "§" },
  { to: "/account/profile", label: "我的", icon: "☺" },
] as const;
