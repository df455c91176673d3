import escape from "escape-html";
import { CATALOG_STATUSES } from "./schemas.ts";
import { cardStatus, type CourseCardView } from "./catalog-view.ts";

/**
 * The catalogue's cards as one HTML string, the same on the server and in the browser (a pure
 * function of the loader data), rendered into the list with `dangerouslySetInnerHTML`: React
 * rendered 34 cards of 13 elements each on every request, most of the page's CPU (issue 14).
 * Every text and attribute value goes through `escapeHtml`; the class names are the component
 * classes `.cc*` in app.css (the title link's tap target too). The markup is what the React cards
 * rendered, element for element; the progress bar draws its share in percent of the bar, so it
 * needs no viewBox (the same pixels, about 1,400 characters less for 34 cards).
 */

/** Text or an attribute value (double-quoted) made safe to place in HTML (& < > " ' escaped). */
export const escapeHtml: (text: string) => string = escape;

const STATUS_CLASS = {
  completed: "cc-tag cc-done",
  in_progress: "cc-tag cc-doing",
  not_started: "cc-tag cc-todo",
} as const;

/** One card: status, 必修 and 已布置 marks, 学时, the title link, topic and lessons, summary, progress. */
export function cardHtml(c: CourseCardView): string {
  const status = cardStatus(c);
  const title = escapeHtml(c.title);
  let html = `<li class="cc" data-testid="course-card"><div class="cc-tags"><span class="${STATUS_CLASS[status]}">${CATALOG_STATUSES[status]}</span>`;
  if (c.due) html += `<span class="cc-tag cc-due">必修 · ${escapeHtml(c.due)} 截止</span>`;
  if (c.assigned) html += `<span class="cc-tag cc-mine">已布置</span>`;
  const width = c.lessons > 0 ? Math.min(1, c.read / c.lessons) * 100 : 0;
  return (
    html +
    `<span class="cc-hours">${c.creditHours} 学时</span></div>` +
    `<h2 class="cc-title"><a data-discover="true" href="/learn/courses/${escapeHtml(c.slug)}">${title}</a></h2>` +
    `<p class="cc-meta">${escapeHtml(c.category)} · ${c.lessons} 课</p>` +
    `<p class="cc-sum">${escapeHtml(c.summary)}</p>` +
    `<p class="cc-prog">${c.done ? `已于 ${escapeHtml(c.done)} 完成` : `已读 ${c.read} / ${c.lessons} 课`}</p>` +
    `<svg role="progressbar" aria-label="${title} 学习进度" aria-valuemin="0" aria-valuemax="${c.lessons}" aria-valuenow="${c.read}" class="cc-bar"><rect width="${width}%" height="100%"></rect></svg></li>`
  );
}

/** Every card, in order. */
export function cardsHtml(cards: readonly CourseCardView[]): string {
  let html = "";
  for (const c of cards) html += cardHtml(c);
  return html;
}
