/**
 * The one list of audit actions: every action the app writes (AuditEntry.action is typed by it)
 * with its Chinese label. The auditor's filter accepts exactly these keys.
 */
export const AUDIT_ACTIONS = {
  LOGIN_SUCCESS: "登录成功",
  LOGIN_FAILURE: "登录失败",
  ACCOUNT_LOCKED: "账号锁定",
  LOGOUT: "退出登录",
  PASSWORD_CHANGE: "修改密码",
  PROFILE_UPDATE: "修改个人资料",
  PERMISSION_DENIED: "越权访问被拒绝",
  USER_CREATE: "创建用户",
  USER_UPDATE: "修改用户",
  USER_DISABLE: "停用用户",
  USER_ENABLE: "启用用户",
  USER_PASSWORD_RESET: "重置密码",
  ORG_CREATE: "新建单位",
  ORG_RENAME: "重命名单位",
  ORG_MOVE: "移动单位",
  ORG_DELETE: "删除单位",
  COURSE_COMPLETE: "完成课程",
  SETTING_UPDATE: "修改系统设置",
  ASSIGNMENT_CREATE: "布置学习任务",
  ASSIGNMENT_EXTEND: "延长任务截止日期",
  ASSIGNMENT_WITHDRAW: "撤回学习任务",
  ASSIGNMENT_REMIND: "发送学习提醒",
  EXPORT: "导出数据",
  USER_IMPORT: "导入人员",
  EXAM_START: "开始年度考试",
  EXAM_SUBMIT: "提交年度考试",
  ENTERPRISE_REGISTER: "企业注册",
  ENTERPRISE_APPROVE: "审核通过企业",
  EXPERT_CREATE: "新增法律顾问",
  EXPERT_UPDATE: "修改法律顾问",
  EXPERT_AVAILABILITY: "修改可预约时间",
  EXPERT_LEAVE_ADD: "添加休假日",
  EXPERT_LEAVE_REMOVE: "取消休假日",
  BOOKING_CREATE: "提交预约",
  BOOKING_CONFIRM: "确认预约",
  BOOKING_DECLINE: "拒绝预约",
  BOOKING_CANCEL: "取消预约",
  BOOKING_NO_SHOW: "标记未到场",
  BOOKING_COMPLETE: "完成咨询",
  BOOKING_RESCHEDULE: "改期预约",
  BOOKING_RATE: "评价服务",
  BOOKING_REMIND: "发送预约提醒",
  FILE_DOWNLOAD: "下载文件",
  FILES_PURGE: "清理过期文件",
  CITATION_REVIEW: "核对法条引用",
  EVENT_CREATE: "创建讲座研讨活动",
  EVENT_SIGNUP: "活动报名",
  EVENT_ASSIGN: "指派参加活动",
  EVENT_CANCEL_SIGNUP: "取消活动报名",
  EVENT_CHECK_IN: "活动签到",
  EVENT_CHECK_CODE: "公布线上签到码",
  EVENT_ROLL_CALL: "活动点名签到",
  EVENT_RECORD: "保存研讨记录",
  EVENT_FEEDBACK: "活动评价",
  EVENT_REMIND: "发送活动提醒",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export const AUDIT_RESULTS: Record<string, string> = {
  SUCCESS: "成功",
  FAILURE: "失败",
  DENIED: "拒绝",
};

export function actionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, action) ? AUDIT_ACTIONS[action as AuditAction] : action;
}

const OBJECT_TYPES: Record<string, string> = {
  user: "用户",
  orgUnit: "单位",
  route: "页面",
  course: "课程",
  setting: "设置",
  assignment: "学习任务",
};

export function objectLabel(type: string | null, id: string | null): string {
  if (!type) return "—";
  return `${OBJECT_TYPES[type] ?? type} ${id ?? ""}`.trim();
}
