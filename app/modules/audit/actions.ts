/** Chinese labels for the audit actions written anywhere in the app. */
export const AUDIT_ACTIONS: Record<string, string> = {
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
};

export const AUDIT_RESULTS: Record<string, string> = {
  SUCCESS: "成功",
  FAILURE: "失败",
  DENIED: "拒绝",
};

export function actionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
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
