import { AUDIT_ACTIONS } from "./actions.ts";

/**
 * How the auditor's page groups and names things. Data-driven on purpose: other branches add
 * actions to AUDIT_ACTIONS, and a new action lands in the select by its key's prefix (or under
 * 其他) with no change here; an unknown object kind or detail key is still shown, by its code.
 */

const GROUPS: { label: string; match: RegExp }[] = [
  { label: "登录与账号安全", match: /^(LOGIN_|LOGOUT|ACCOUNT_|PASSWORD_|PROFILE_|PERMISSION_)/ },
  { label: "人员与机构", match: /^(USER_|ORG_|UNIT_)/ },
  { label: "课程与考试", match: /^(COURSE_|ASSIGNMENT_|EXAM_|CITATION_|QUIZ_|LESSON_|EVENT_)/ },
  { label: "预约服务", match: /^(ENTERPRISE_|EXPERT_|BOOKING_|FILE_|FILES_)/ },
  { label: "系统", match: /^(SETTING_|EXPORT|BACKUP_|AUDIT_)/ },
];
const OTHER_GROUP = "其他";

export type ActionGroup = { label: string; actions: { key: string; label: string }[] };

/** Every action of AUDIT_ACTIONS in its group, groups in a fixed order, 其他 last. */
export function groupedActions(actions: Record<string, string> = AUDIT_ACTIONS): ActionGroup[] {
  const groups = new Map<string, ActionGroup>(
    [...GROUPS.map((g) => g.label), OTHER_GROUP].map((label) => [label, { label, actions: [] }]),
  );
  for (const [key, label] of Object.entries(actions)) {
    const group = GROUPS.find((g) => g.match.test(key))?.label ?? OTHER_GROUP;
    groups.get(group)!.actions.push({ key, label });
  }
  return [...groups.values()].filter((g) => g.actions.length > 0);
}

/** Object kinds the app writes (AuditLog.objectType), as the filter offers them. */
export const OBJECT_KINDS = {
  user: "用户",
  orgUnit: "单位",
  course: "课程",
  assignment: "学习任务",
  examAttempt: "年度考试",
  booking: "预约",
  bookingFile: "预约文件",
  expert: "法律顾问",
  enterprise: "企业",
  citationFlag: "法条引用核对",
  setting: "系统设置",
  route: "页面",
  auditLog: "审计日志",
  holiday: "节假日",
  event: "讲座研讨活动",
  eventMaterial: "活动资料",
  policyDoc: "政策解读",
  policyReading: "政策解读阅读任务",
} as const satisfies Record<string, string>;
export type ObjectKind = keyof typeof OBJECT_KINDS;
export const OBJECT_KIND_KEYS = Object.keys(OBJECT_KINDS) as [ObjectKind, ...ObjectKind[]];

export function kindLabel(kind: string): string {
  return Object.hasOwn(OBJECT_KINDS, kind) ? OBJECT_KINDS[kind as ObjectKind] : kind;
}

export const RESULTS = { SUCCESS: "成功", FAILURE: "失败", DENIED: "拒绝" } as const;
export type AuditResultKey = keyof typeof RESULTS;
export const RESULT_KEYS = Object.keys(RESULTS) as [AuditResultKey, ...AuditResultKey[]];

export function resultLabel(result: string): string {
  return Object.hasOwn(RESULTS, result) ? RESULTS[result as AuditResultKey] : result;
}

export const SETTING_GROUPS: Record<string, string> = {
  consult: "预约服务设置",
  exam: "年度学法考试设置",
  annualCreditHours: "年度学时要求与证书设置",
};
