import { STATE_LABELS, TYPE_LABELS } from "#app/modules/booking/state.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { ROLE_LABELS } from "#app/utils/roles.ts";
import { actionLabel } from "./actions.ts";
import { kindLabel, OBJECT_KINDS, resultLabel } from "./catalog.ts";

/**
 * An audit row's detail (JSON) as labelled fields in Chinese. Labels per key, overridden per
 * action where one key means different things; a key nobody labelled is shown by its name, and
 * a value of any shape is still shown, so a detail written by a newer action never breaks the
 * page. Ids of other records (REF_KEYS) are shown by the names resolved for the page.
 */

/** Kinds of record an audit row can name; resolve.server.ts reads each kind once per page. */
export const REF_KINDS = [
  "user",
  "orgUnit",
  "course",
  "assignment",
  "examAttempt",
  "booking",
  "bookingFile",
  "expert",
  "enterprise",
  "citationFlag",
] as const;
export type RefKind = (typeof REF_KINDS)[number];
/** id (as text) → display name, per kind. */
export type Names = Partial<Record<RefKind, Record<string, string>>>;

/** Detail keys that hold the id (or ids) of another record. */
export const REF_KEYS: Record<string, RefKind> = {
  orgUnitId: "orgUnit",
  unitId: "orgUnit",
  parentId: "orgUnit",
  fromParentId: "orgUnit",
  toParentId: "orgUnit",
  bookingId: "booking",
  expertId: "expert",
  courses: "course",
  courseId: "course",
  userId: "user",
  userIds: "user",
  assignmentId: "assignment",
};

const LABELS: Record<string, string> = {
  reason: "原因",
  method: "请求方式",
  role: "角色",
  roles: "角色分布",
  orgUnitId: "单位",
  unitId: "单位",
  username: "账号",
  via: "操作方式",
  minutes: "锁定时长（分钟）",
  fields: "修改项",
  code: "单位编码",
  parentId: "上级单位",
  fromParentId: "原上级单位",
  toParentId: "新上级单位",
  from: "原值",
  to: "新值",
  expired: "过期文件数",
  orphans: "无主文件数",
  retentionDays: "保存期限（天）",
  active: "启用",
  day: "日期",
  startAt: "预约时间",
  file: "文件校验值",
  files: "文件校验值",
  score: "得分",
  bookings: "预约数",
  expertId: "法律顾问",
  type: "类型",
  uscc: "统一社会信用代码",
  pending: "待审核",
  count: "人数",
  units: "单位数",
  users: "人员数",
  passed: "是否通过",
  late: "超时后提交",
  year: "年度",
  questions: "题目数",
  completionId: "完成记录编号",
  certificateNo: "证书编号",
  version: "课程版本",
  value: "年度学时要求",
  certificateIssuer: "证书颁发单位",
  recipients: "提醒人数",
  courses: "课程",
  courseId: "课程",
  kind: "布置方式",
  table: "导出内容",
  format: "格式",
  bookingId: "预约",
  sha256: "文件校验值（SHA-256）",
  decision: "核对结论",
  rules: "可预约时段数",
  slotMinutes: "每次时长（分钟）",
  bufferMinutes: "间隔（分钟）",
  dailyMax: "每日上限",
  action: "操作",
  person: "人员",
  result: "结果",
  status: "状态",
  q: "关键词",
  expert: "法律顾问",
  page: "页码",
  userId: "人员",
  assignmentId: "学习任务",
};

/** Labels that differ by action (the same key, another meaning). */
const ACTION_LABELS: Record<string, Record<string, string>> = {
  ORG_RENAME: { from: "原名称", to: "新名称" },
  ASSIGNMENT_EXTEND: { from: "原截止时间", to: "新截止时间" },
  BOOKING_CONFIRM: { from: "原状态", to: "新状态" },
  BOOKING_DECLINE: { from: "原状态", to: "新状态" },
  BOOKING_CANCEL: { from: "原状态", to: "新状态" },
  BOOKING_NO_SHOW: { from: "原状态", to: "新状态" },
  BOOKING_COMPLETE: { from: "原状态", to: "新状态", file: "意见文件校验值" },
  BOOKING_RESCHEDULE: { from: "原状态", to: "新状态", startAt: "新预约时间" },
  BOOKING_RATE: { score: "评分（1–5）" },
  EXPORT: { from: "开始日期", to: "结束日期", type: "类型", kind: "对象类型" },
  SETTING_UPDATE: { value: "年度学时要求" },
  USER_IMPORT: { count: "导入人数", file: "文件名", reason: "失败原因" },
  ENTERPRISE_REGISTER: { pending: "需审核" },
  FILES_PURGE: { expired: "过期文件数" },
};

const REASONS: Record<string, string> = {
  "unknown user": "账号不存在",
  "wrong password": "密码错误",
  locked: "账号已锁定",
  "checks in progress": "同一账号的登录校验正在进行",
  disabled: "账号已停用",
  "wrong current password": "当前密码错误",
  "auditor accounts are managed by command only": "审计管理员账号只能在服务器上用命令管理",
  "no active enterprise record": "没有已通过审核的企业信息",
  "no expert profile": "没有法律顾问资料",
  "org unit outside scope": "单位不在本人管理范围内",
  "own account": "不能对自己的账号执行该批量操作",
  "last enabled admin": "不能停用最后一位系统管理员",
  "role has no unit": "该角色不属于单位，不能移动",
  unique: "工号或手机号与已有人员重复",
  error: "系统错误，已全部撤销",
};

const WORDS: Record<string, string> = {
  command: "服务器命令",
  confirmed: "已核对，无需修改",
  "needs-edit": "需修改",
  GET: "GET（打开页面）",
  POST: "POST（提交表单）",
  csv: "CSV",
  xlsx: "XLSX",
  SUBTREE: "单位及下级单位",
  UNIT: "仅本单位",
  USER: "指定人员",
  "import-initial-credentials": "导入人员的初始密码",
  people: "人员名单",
  units: "单位汇总",
  auditLog: "审计日志",
  ...STATE_LABELS,
  ...TYPE_LABELS,
  ...ROLE_LABELS,
};

function roleNames(list: string): string {
  return list
    .split(",")
    .map((r) => ROLE_LABELS[r.trim() as keyof typeof ROLE_LABELS] ?? r.trim())
    .join("、");
}

/** A denial or failure reason in Chinese; older rows' English reasons included. */
export function reasonText(reason: string): string {
  const role = /^role (\w+) not in (.+)$/.exec(reason);
  if (role) return `角色「${roleNames(role[1]!)}」无权访问（仅限${roleNames(role[2]!)}）`;
  return REASONS[reason] ?? reason;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function scalar(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "是" : "否";
  const ref = REF_KEYS[key];
  if (ref && (typeof value === "number" || typeof value === "string")) {
    const name = names[ref]?.[String(value)];
    return name ?? `编号 ${value}`;
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (key === "reason") return reasonText(value);
    if (key === "action") return actionLabel(value);
    if (key === "kind" && Object.hasOwn(OBJECT_KINDS, value)) return kindLabel(value);
    if (key === "result") return resultLabel(value);
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)))
      return formatDateTime(value).slice(0, 16);
    if (/^\d{12,14}$/.test(value) && (key === "startAt" || key === "at"))
      return formatDateTime(Number(value)).slice(0, 16);
    return Object.hasOwn(WORDS, value) ? WORDS[value]! : value;
  }
  return JSON.stringify(value);
}

function valueText(key: string, value: unknown, names: Names): string {
  if (Array.isArray(value)) {
    // [before, after] of one value (USER_UPDATE writes role and unit that way).
    if (value.length === 2 && PAIR_KEYS.has(key))
      return `${scalar(key, value[0], names)} → ${scalar(key, value[1], names)}`;
    if (key === "fields") return value.map((f) => FIELD_WORDS[String(f)] ?? String(f)).join("、");
    return value.length === 0 ? "—" : value.map((v) => scalar(key, v, names)).join("、");
  }
  if (value && typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) => `${Object.hasOwn(WORDS, k) ? WORDS[k] : k} ${scalar(k, v, names)}`)
      .join("，");
  }
  return scalar(key, value, names);
}

/** Keys written as [before, after] (USER_UPDATE). */
const PAIR_KEYS = new Set(["role", "orgUnitId"]);

const FIELD_WORDS: Record<string, string> = { name: "姓名", mobile: "手机号", email: "电子邮箱" };

export type Field = { label: string; value: string };

function parse(detail: string | null): Record<string, unknown> | null {
  if (!detail) return null;
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { 内容: value };
  } catch {
    return { 内容: detail };
  }
}

/** The detail of one row as labelled fields (empty for a row without detail). */
export function detailFields(action: string, detail: string | null, names: Names = {}): Field[] {
  const data = parse(detail);
  if (!data) return [];
  const own = Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action]! : {};
  return Object.entries(data).map(([key, value]) => ({
    label: (Object.hasOwn(own, key) ? own[key] : undefined) ?? LABELS[key] ?? key,
    value: valueText(key, value, names),
  }));
}

/** The ids of other records a detail names, per kind (for the page's batched name lookup). */
export function detailRefs(detail: string | null): { kind: RefKind; id: string }[] {
  const data = parse(detail);
  if (!data) return [];
  const refs: { kind: RefKind; id: string }[] = [];
  for (const [key, value] of Object.entries(data)) {
    const kind = Object.hasOwn(REF_KEYS, key) ? REF_KEYS[key] : undefined;
    if (!kind) continue;
    for (const v of Array.isArray(value) ? value : [value])
      if (
        (typeof v === "number" && Number.isSafeInteger(v)) ||
        (typeof v === "string" && /^\d{1,12}$/.test(v))
      )
        refs.push({ kind, id: String(v) });
  }
  return refs;
}
