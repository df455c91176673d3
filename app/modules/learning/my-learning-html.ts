import escapeHtml from "escape-html";
import type { AssignedView, CertificateView, TaskState } from "./my-learning-view.ts";

/**
 * 我的学习's three lists (必修学习任务, 学习中的课程, 已完成的课程与证书) as HTML strings, the same on the
 * server and in the browser (pure functions of the loader data), rendered into their lists with
 * `dangerouslySetInnerHTML` as the catalogue's cards are (catalog-cards.ts): React rendered
 * about 130 elements for the bench's staff member on every request (issue 14). The markup is
 * what the React lists rendered, element for element and class for class; every text and
 * attribute value goes through `escapeHtml`. The links are plain `<a data-discover>`s, which the
 * list's delegated click handler navigates (useDelegatedLinks).
 */

export const TASK_STATES: Record<TaskState, { label: string; className: string }> = {
  done: { label: "已完成", className: "text-green-800" },
  overdue: { label: "已逾期", className: "font-semibold text-red-800" },
  started: { label: "学习中", className: "" },
  new: { label: "未开始", className: "" },
};

const ROW = "flex flex-wrap items-center justify-between gap-2 py-2";
const DETAIL = "ml-2 text-sm text-stone-600";
const courseLink = (slug: string, title: string) =>
  `<a data-discover="true" href="/learn/courses/${escapeHtml(slug)}">${escapeHtml(title)}</a>`;

/** The 必修 tasks: course link, task title and due day, and the state. */
export function assignedHtml(rows: readonly AssignedView[]): string {
  let html = "";
  for (const a of rows) {
    const state = TASK_STATES[a.state];
    html +=
      `<li class="${ROW}"><span>${courseLink(a.slug, a.courseTitle)}` +
      `<span class="${DETAIL}">${escapeHtml(a.title)} · 截止 ${escapeHtml(a.dueDay)}</span></span>` +
      `<span class="${state.className}">${state.label}</span></li>`;
  }
  return html;
}

/** A course in progress: its link, lessons read of all, and the reading progress bar. */
export function inProgressHtml(
  rows: readonly { slug: string; title: string; lessons: number; readLessons: number }[],
): string {
  let html = "";
  for (const c of rows) {
    const ratio = c.lessons > 0 ? Math.min(1, c.readLessons / c.lessons) : 0;
    html +=
      `<li>${courseLink(c.slug, c.title)}` +
      `<span class="${DETAIL}">已读 ${c.readLessons} / ${c.lessons} 课</span>` +
      // The ProgressBar component's markup (app/components/ui/progress-bar.tsx).
      `<svg role="progressbar" aria-label="${escapeHtml(c.title)} 阅读进度" aria-valuemin="0" aria-valuemax="${c.lessons}" aria-valuenow="${c.readLessons}" viewBox="0 0 100 4" preserveAspectRatio="none" class="mt-1 block h-2 w-full rounded bg-stone-200">` +
      `<rect x="0" y="0" width="${ratio * 100}" height="4" class="fill-brand-600"></rect></svg></li>`;
  }
  return html;
}

/** A completed course: its title and line, and the link to its certificate. */
export function certificatesHtml(rows: readonly CertificateView[]): string {
  let html = "";
  for (const c of rows) {
    const no = escapeHtml(c.certificateNo);
    html +=
      `<li class="${ROW}"><span>${escapeHtml(c.title)}<span class="${DETAIL}">${escapeHtml(c.line)}</span></span>` +
      `<a data-discover="true" href="/learn/certificates/${no}">查看证书 ${no}</a></li>`;
  }
  return html;
}
