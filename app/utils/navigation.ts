import type { Role } from "./roles.ts";

/**
 * One menu item. `group` puts it into a drop-down of that name (the admin's and the manager's
 * menus, issue 17); items without one stand on their own. To add an item, add one line with
 * its group.
 */
export type NavItem = { to: string; label: string; group?: NavGroup };
export type NavGroup =
  "人员与机构" | "课程与考试" | "预约服务" | "系统" | "任务与统计" | "活动" | "个人学习";

const HOME = { to: "/", label: "首页" };
const LEARN = [
  { to: "/learn", label: "我的学习" },
  { to: "/learn/courses", label: "课程中心" },
];
const LAWS = { to: "/laws", label: "法律法规库" };
const EXAM = { to: "/learn/exam", label: "年度考试" };
const POLICY = { to: "/policy", label: "政策解读" };
const EVENTS = { to: "/events", label: "讲座研讨" };
const MANAGE_EVENTS = { to: "/manage/events", label: "组织活动" };

const NAV: Record<Role, NavItem[]> = {
  STAFF: [HOME, ...LEARN, EVENTS, EXAM, LAWS, POLICY],
  // Issue 17's grouping for the manager too: what he runs for his units, then his own learning.
  MANAGER: [
    HOME,
    { to: "/manage/assignments", label: "学习任务", group: "任务与统计" },
    { to: "/manage/overview", label: "达标率", group: "任务与统计" },
    { to: "/manage/annual", label: "年度学法统计", group: "任务与统计" },
    { ...MANAGE_EVENTS, group: "活动" },
    { ...EVENTS, group: "活动" },
    { to: "/manage/units", label: "组织机构" },
    ...LEARN.map((item) => ({ ...item, group: "个人学习" as const })),
    { ...EXAM, group: "个人学习" },
    LAWS,
    POLICY,
  ],
  EXPERT: [
    HOME,
    { to: "/expert", label: "专家工作台" },
    { to: "/expert/availability", label: "可预约时间" },
    LAWS,
    POLICY,
  ],
  ENTERPRISE: [
    HOME,
    { to: "/consult", label: "我的预约" },
    { to: "/consult/new", label: "预约专家" },
    ...LEARN,
    LAWS,
    POLICY,
  ],
  ADMIN: [
    HOME,
    { to: "/admin/users", label: "用户管理", group: "人员与机构" },
    { to: "/admin/import", label: "导入人员", group: "人员与机构" },
    { to: "/admin/units", label: "组织机构", group: "人员与机构" },
    { to: "/manage/assignments", label: "学习任务", group: "课程与考试" },
    { to: "/manage/overview", label: "达标率", group: "课程与考试" },
    { to: "/manage/annual", label: "年度学法统计", group: "课程与考试" },
    { to: "/admin/exam-settings", label: "年度考试设置", group: "课程与考试" },
    { to: "/admin/citations", label: "法条变更核对", group: "课程与考试" },
    { ...MANAGE_EVENTS, group: "课程与考试" },
    { to: "/policy/manage", label: "政策解读", group: "课程与考试" },
    { to: "/admin/bookings", label: "预约管理", group: "预约服务" },
    { to: "/admin/experts", label: "法律专家", group: "预约服务" },
    { to: "/admin/enterprises", label: "企业用户", group: "预约服务" },
    { to: "/admin/consult-settings", label: "预约设置", group: "预约服务" },
    { to: "/admin/holidays", label: "节假日", group: "预约服务" },
    { to: "/admin/settings", label: "系统设置", group: "系统" },
    LAWS,
  ],
  AUDITOR: [HOME, { to: "/audit", label: "审计日志" }],
};

export function navFor(role: string): NavItem[] {
  return NAV[role as Role] ?? [];
}

export type NavEntry =
  { kind: "item"; item: NavItem } | { kind: "group"; label: NavGroup; items: NavItem[] };

/** The menu as shown: items in their order, each group at the place of its first item. */
export function groupNav(items: readonly NavItem[]): NavEntry[] {
  const entries: NavEntry[] = [];
  const groups = new Map<NavGroup, NavItem[]>();
  for (const item of items) {
    if (!item.group) {
      entries.push({ kind: "item", item });
      continue;
    }
    let list = groups.get(item.group);
    if (!list) {
      list = [];
      groups.set(item.group, list);
      entries.push({ kind: "group", label: item.group, items: list });
    }
    list.push(item);
  }
  return entries;
}

/** The staff's bottom tab bar on phones (app/components/app-shell.tsx). */
export const STAFF_TABS = [
  { to: "/", label: "首页", icon: "⌂" },
  { to: "/learn", label: "学习", icon: "▤" },
  { to: "/learn/exam", label: "考试", icon: "✎" },
  { to: "/laws", label: "法规", icon: "§" },
  { to: "/account/profile", label: "我的", icon: "☺" },
] as const;

/**
 * Whether `<NavLink to end>` would mark `to` active at `pathname` (react-router-dom 6.30's rule,
 * case-insensitive): the same path, or without `end` a path below it. The shell renders plain
 * links (issue 14) and computes this once per item instead of a NavLink's hooks per link.
 */
export function navLinkActive(pathname: string, to: string, end: boolean): boolean {
  const here = pathname.toLowerCase();
  const target = to.toLowerCase();
  if (here === target) return true;
  if (end) return false;
  const slash = target !== "/" && target.endsWith("/") ? target.length - 1 : target.length;
  return here.startsWith(target) && here.charAt(slash) === "/";
}

/**
 * The menu items marked active at `pathname`, by their `to`. An item that has another item
 * below it (我的学习 /learn and 课程中心 /learn/courses) matches only its own path (`end`), so
 * one page never highlights two items.
 */
export function activeNavItems(items: readonly NavItem[], pathname: string): Set<string> {
  const active = new Set<string>();
  for (const item of items) {
    const prefix = item.to === "/" ? "/" : `${item.to}/`;
    const end = items.some((other) => other.to !== item.to && other.to.startsWith(prefix));
    if (navLinkActive(pathname, item.to, end)) active.add(item.to);
  }
  return active;
}

/** Whether the page at `pathname` lies at or below `to` (a menu group's summary is bold then). */
export function holdsPath(pathname: string, to: string): boolean {
  return pathname === to || (to !== "/" && pathname.startsWith(`${to}/`));
}

/** The staff tab that holds the page: the longest (/learn/exam is 考试, /learn/courses 学习). */
export function activeTab(pathname: string): (typeof STAFF_TABS)[number] | undefined {
  let best: (typeof STAFF_TABS)[number] | undefined;
  for (const tab of STAFF_TABS)
    if (holdsPath(pathname, tab.to) && (!best || tab.to.length > best.to.length)) best = tab;
  return best;
}
