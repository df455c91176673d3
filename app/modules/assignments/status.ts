export const STATUS_TEXT: Record<string, string> = { completed: "已完成", in_progress: "学习中", not_started: "未开始", overdue: "已逾期" };
