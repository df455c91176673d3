import { formatDateTime } from "#app/utils/dates.ts";

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

/** A card's learning status (the status filter's values but 必修, which is a mark). */
export type CardStatus = "completed" | "in_progress" | "not_started";

/** The card's status, as catalogueView filters by it: complete, a lesson read, or neither. */
export function cardStatus(v: Pick<CourseCardView, "done" | "read">): CardStatus {
  if (v.done !== undefined) return "completed";
  return v.read > 0 ? "in_progress" : "not_started";
}

/**
 * The cards as the loader sends them: one array per field, so each field's name is written once
 * instead of once per card (34 cards: about 2,400 characters of names the page's JSON carried,
 * stringified, parsed and escaped on every request). The marks a few cards carry are kept by
 * card index. `unpackCards` gives back the views, in order.
 */
export type PackedCards = {
  slug: string[];
  title: string[];
  category: string[];
  summary: string[];
  creditHours: number[];
  lessons: number[];
  read: number[];
  done: Record<number, string>;
  due: Record<number, string>;
  /** Indexes of the cards marked 已布置. */
  assigned: number[];
};

export function packCards(cards: readonly CourseCardView[]): PackedCards {
  const p: PackedCards = {
    slug: [],
    title: [],
    category: [],
    summary: [],
    creditHours: [],
    lessons: [],
    read: [],
    done: {},
    due: {},
    assigned: [],
  };
  cards.forEach((c, i) => {
    p.slug.push(c.slug);
    p.title.push(c.title);
    p.category.push(c.category);
    p.summary.push(c.summary);
    p.creditHours.push(c.creditHours);
    p.lessons.push(c.lessons);
    p.read.push(c.read);
    if (c.done !== undefined) p.done[i] = c.done;
    if (c.due !== undefined) p.due[i] = c.due;
    if (c.assigned) p.assigned.push(i);
  });
  return p;
}

export function unpackCards(p: PackedCards): CourseCardView[] {
  const assigned = new Set(p.assigned);
  return p.slug.map((slug, i) => {
    const view: CourseCardView = {
      slug,
      title: p.title[i]!,
      category: p.category[i]!,
      summary: p.summary[i]!,
      creditHours: p.creditHours[i]!,
      lessons: p.lessons[i]!,
      read: p.read[i]!,
    };
    const done = p.done[i];
    const due = p.due[i];
    if (done !== undefined) view.done = done;
    if (due !== undefined) view.due = due;
    if (assigned.has(i)) view.assigned = true;
    return view;
  });
}
