import { formatDateTime } from "#app/utils/dates.ts";
import type { CatalogCard } from "./catalog.server.ts";

/**
 * The longest summary a catalogue card carries. The card shows three lines of it (`line-clamp-3`),
 * under 40 characters a line at the widest card (max-w-6xl, two columns) and about 20 at 360 px,
 * so 140 characters fill the three lines at every width; the whole text is on the course page.
 * Clipping keeps the page and its hydration data from carrying every course's full summary twice.
 */
export const CARD_SUMMARY_LENGTH = 140;

/** The summary cut to CARD_SUMMARY_LENGTH characters with "…" (never inside a surrogate pair). */
export function cardSummary(summary: string): string {
  if (summary.length <= CARD_SUMMARY_LENGTH) return summary;
  let end = CARD_SUMMARY_LENGTH - 1;
  const code = summary.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${summary.slice(0, end).trimEnd()}…`;
}

/**
 * What a catalogue card renders, and nothing else (it is sent twice: as HTML and as hydration
 * data). The status is not sent: `cardStatus` derives it from `done` and `read`; the marks a
 * card does not show are left out (undefined is not written into the JSON).
 */
export type CourseCardView = {
  slug: string;
  title: string;
  category: string;
  summary: string;
  creditHours: number;
  lessons: number;
  /** Lessons read; every lesson once the course is complete. */
  read: number;
  /** The completion day (Beijing), when complete. */
  done?: string;
  /** The earliest due day of a 必修 assignment (Beijing), when assigned to the learner. */
  due?: string;
  /** 已布置 (managers and admins), when true. */
  assigned?: true;
};

/** A card's day (completion, due): the Beijing date. */
export const cardDay = (d: Date) => formatDateTime(d).slice(0, 10);

export function courseCardView(c: CatalogCard): CourseCardView {
  const view: CourseCardView = {
    slug: c.slug,
    title: c.title,
    category: c.category,
    summary: c.cardSummary,
    creditHours: c.creditHours,
    lessons: c.lessons,
    read: c.completedAt ? c.lessons : c.readLessons,
  };
  if (c.completedAt) view.done = cardDay(c.completedAt);
  if (c.requiredDue) view.due = cardDay(c.requiredDue);
  if (c.assignedByMe) view.assigned = true;
  return view;
}

/** The card's status, the same as catalog.server's statusOf: complete, a lesson read, or neither. */
export function cardStatus(v: Pick<CourseCardView, "done" | "read">): CatalogCard["status"] {
  if (v.done !== undefined) return "completed";
  return v.read > 0 ? "in_progress" : "not_started";
}
