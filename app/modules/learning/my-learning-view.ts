import type { MyAssignment } from "#app/modules/assignments/my-assignments.server.ts";
import { dueDayOf } from "#app/modules/assignments/schemas.ts";
import { formatDateTime } from "#app/utils/dates.ts";

/**
 * What 我的学习 renders, and nothing else: the page's data is sent twice (HTML and hydration
 * data), so the loader sends display values, not the rows they are made from (issue 14).
 */

/** A 必修 task's state: completed, past due, begun, not begun (in that order of precedence). */
export type TaskState = "done" | "overdue" | "started" | "new";

export type AssignedView = {
  slug: string;
  courseTitle: string;
  title: string;
  dueDay: string;
  state: TaskState;
};

export function assignedView(a: MyAssignment, now: number): AssignedView {
  const state: TaskState = a.completedAt
    ? "done"
    : now > a.dueAt.getTime()
      ? "overdue"
      : a.startedAt
        ? "started"
        : "new";
  return {
    slug: a.slug,
    courseTitle: a.courseTitle,
    title: a.title,
    dueDay: dueDayOf(a.dueAt),
    state,
  };
}

export type CertificateView = {
  certificateNo: string;
  title: string;
  /** The completion time (Beijing), creditHours and score as the list shows them. */
  line: string;
};

export function certificateView(c: {
  certificateNo: string;
  completedAt: Date;
  creditHours: number;
  score: number;
  course: { title: string };
}): CertificateView {
  return {
    certificateNo: c.certificateNo,
    title: c.course.title,
    line: `${formatDateTime(c.completedAt)} · ${c.creditHours} 学时 · ${c.score} 分`,
  };
}

export type ExamView = {
  year: number;
  passed: boolean;
  best: number | null;
  /** Whether any attempt was made this year. */
  tried: boolean;
  remaining: number;
};

export function examView(e: {
  year: number;
  passed: boolean;
  best: number | null;
  attempts: readonly unknown[];
  remaining: number;
}): ExamView {
  return {
    year: e.year,
    passed: e.passed,
    best: e.best,
    tried: e.attempts.length > 0,
    remaining: e.remaining,
  };
}
