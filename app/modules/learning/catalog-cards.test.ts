import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { cardHtml, cardsHtml, escapeHtml } from "./catalog-cards.ts";
import { cardStatus, type CourseCardView } from "./catalog-view.ts";
import { CATALOG_STATUSES } from "./schemas.ts";

/** The React card the catalogue rendered before (session 10), without its class names. */
const reactCard = (c: CourseCardView) =>
  renderToStaticMarkup(
    h(
      "li",
      { "data-testid": "course-card" },
      h(
        "div",
        null,
        h("span", null, CATALOG_STATUSES[cardStatus(c)]),
        c.due ? h("span", null, `必修 · ${c.due} 截止`) : null,
        c.assigned ? h("span", null, "已布置") : null,
        h("span", null, `${c.creditHours} 学时`),
      ),
      h("h2", null, h("a", { "data-discover": "true", href: `/learn/courses/${c.slug}` }, c.title)),
      h("p", null, `${c.category} · ${c.lessons} 课`),
      h("p", null, c.summary),
      h("p", null, c.done ? `已于 ${c.done} 完成` : `已读 ${c.read} / ${c.lessons} 课`),
      h(ProgressBar, { value: c.read, max: c.lessons, label: `${c.title} 学习进度` }),
    ),
  );

// Class names differ by design (component classes); rect's x="0" y="0" are SVG's defaults;
// the string's bar is drawn in percent of the bar instead of a 100 x 4 viewBox stretched to it
// (the same pixels); escape-html writes an apostrophe as &#39;, React as &#x27; (the same character).
const withoutClasses = (html: string) =>
  html
    .replace(/ class="[^"]*"/g, "")
    .replace(/ x="0" y="0"/g, "")
    .replace(/ viewBox="0 0 100 4" preserveAspectRatio="none"/g, "")
    .replace(/<rect width="([\d.]+)" height="4">/g, '<rect width="$1%" height="100%">')
    .replaceAll("&#x27;", "&#39;");

const view = (over: Partial<CourseCardView> = {}): CourseCardView => ({
  slug: "constitution",
  title: "《宪法》精讲",
  category: "宪法",
  summary: "以宪法文本为依据……",
  creditHours: 4,
  lessons: 5,
  read: 2,
  ...over,
});

describe("catalogue cards as one HTML string", () => {
  it("renders the elements, text and accessible attributes the React card rendered", () => {
    const cases: CourseCardView[] = [
      view(),
      view({ read: 0, due: "2026-01-28" }),
      view({ read: 5, done: "2026-03-02", due: "2026-01-28", assigned: true }),
      view({ lessons: 0, read: 0 }),
      view({ lessons: 3, read: 1, assigned: true }),
    ];
    for (const c of cases) expect(withoutClasses(cardHtml(c))).toBe(withoutClasses(reactCard(c)));
  });

  it("escapes markup and quotes in every text and attribute value", () => {
    const hostile = `<img src=x onerror="alert('1')">&`;
    const c = view({ title: hostile, category: hostile, summary: hostile, due: hostile });
    const html = cardHtml({ ...c, slug: `a"b` });
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/"alert|'1'/);
    expect(html).toContain('href="/learn/courses/a&quot;b"');
    expect(html).toContain(`aria-label="${escapeHtml(hostile)} 学习进度"`);
    expect(withoutClasses(cardHtml(c))).toBe(withoutClasses(reactCard(c)));
  });

  it("marks the status with its tone and draws the progress as a share of the lessons", () => {
    expect(cardHtml(view({ read: 0 }))).toContain('<span class="cc-tag cc-todo">未开始</span>');
    expect(cardHtml(view())).toContain('<span class="cc-tag cc-doing">学习中</span>');
    expect(cardHtml(view({ read: 5, done: "2026-03-02" }))).toContain(
      '<span class="cc-tag cc-done">已完成</span>',
    );
    expect(cardHtml(view())).toContain('<rect width="40%" height="100%">');
    // The title link is a tap target through .cc-title > a (app.css), not its own classes.
    expect(cardHtml(view())).toContain('<h2 class="cc-title"><a data-discover="true" href=');
  });

  it("lists every card in order", () => {
    const cards = [view({ slug: "a" }), view({ slug: "b" })];
    expect(cardsHtml(cards)).toBe(cardHtml(cards[0]!) + cardHtml(cards[1]!));
    expect(cardsHtml([])).toBe("");
  });
});
