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

/** What a catalogue card renders, and nothing else (it is sent twice: as HTML and as hydration data). */
export type CourseCardView = {
  slug: string;
  title: string;
  category: string;
  summary: string;
  creditHours: number;
  lessons: number;
  /** Lessons read; every lesson once the course is complete. */
  read: number;
  status: CatalogCard["status"];
  /** The completion day (Beijing), or null. */
  done: string | null;
  /** The earliest due day of a 必修 assignment (Beijing), or null. */
  due: string | null;
  assigned: boolean;
};

const day = (d: Date | null) => (d ? formatDateTime(d).slice(0, 10) : null);

export function courseCardView(c: CatalogCard): CourseCardView {
  return {
    slug: c.slug,
    title: c.title,
    category: c.category,
    summary: cardSummary(c.summary),
    creditHours: c.creditHours,
    lessons: c.lessons,
    read: c.completedAt ? c.lessons : c.readLessons,
    status: c.status,
    done: day(c.completedAt),
    due: day(c.requiredDue),
    assigned: c.assignedByMe,
  };
}
