export const STATUS_TEXT: Record<string, string> = {
  completed: "已完成",
  in_progress: "学习中",
  not_started: "未开始",
  overdue: "已逾期",
};

export type Counts = {
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
};

/** Completion rate in percent with one decimal (0 when nobody is assigned); shared by loaders, pages and exports. */
export function rate(c: { assigned: number; completed: number }): number {
  return c.assigned ? Math.round((1000 * c.completed) / c.assigned) / 10 : 0;
}
