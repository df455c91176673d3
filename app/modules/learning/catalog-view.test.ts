import { describe, expect, it } from "vitest";
import {
  CARD_SUMMARY_LENGTH,
  type CourseCardView,
  cardStatus,
  cardSummary,
  courseCardView,
  packCards,
  unpackCards,
} from "./catalog-view.ts";
import type { CatalogCard } from "./catalog.server.ts";

const card = (over: Partial<CatalogCard> = {}): CatalogCard => ({
  id: 1,
  slug: "s",
  title: "课程",
  category: "宪法",
  audience: "STAFF",
  summary: "短简介",
  cardSummary: "短简介",
  creditHours: 3,
  lessons: 5,
  readLessons: 2,
  completedAt: null,
  status: "in_progress",
  requiredDue: null,
  assignedByMe: false,
  ...over,
});

describe("catalogue card view", () => {
  it("keeps a summary of up to CARD_SUMMARY_LENGTH characters whole", () => {
    const s = "法".repeat(CARD_SUMMARY_LENGTH);
    expect(cardSummary(s)).toBe(s);
  });

  it("clips a longer summary to CARD_SUMMARY_LENGTH characters ending in …", () => {
    const out = cardSummary("法".repeat(CARD_SUMMARY_LENGTH + 1));
    expect(out).toHaveLength(CARD_SUMMARY_LENGTH);
    expect(out.endsWith("…")).toBe(true);
  });

  it("never cuts a surrogate pair in half", () => {
    const s = `${"法".repeat(CARD_SUMMARY_LENGTH - 2)}𠀀${"法".repeat(10)}`;
    const out = cardSummary(s);
    expect(out).toBe(`${"法".repeat(CARD_SUMMARY_LENGTH - 2)}…`);
    expect(out.length).toBeLessThanOrEqual(CARD_SUMMARY_LENGTH);
  });

  it("sends only what the card renders: days in Beijing time, every lesson read once complete", () => {
    const view = courseCardView(
      card({
        completedAt: new Date("2026-03-01T17:00:00Z"), // 2026-03-02 01:00 in Beijing
        requiredDue: new Date("2026-01-28T15:59:59.999Z"),
        status: "completed",
        assignedByMe: true,
      }),
    );
    expect(view).toEqual({
      slug: "s",
      title: "课程",
      category: "宪法",
      summary: "短简介",
      creditHours: 3,
      lessons: 5,
      read: 5,
      done: "2026-03-02",
      due: "2026-01-28",
      assigned: true,
    });
    expect(courseCardView(card())).toMatchObject({ read: 2 });
  });

  it("leaves out the marks a card does not show and the status, which the page derives", () => {
    const view = courseCardView(card());
    expect(Object.keys(view)).toEqual([
      "slug",
      "title",
      "category",
      "summary",
      "creditHours",
      "lessons",
      "read",
    ]);
    expect(JSON.stringify(view)).not.toMatch(/null|false|status/);
  });

  it("derives the card's status as the catalogue does: complete, begun, not begun", () => {
    const done = new Date("2026-03-01T00:00:00Z");
    const cases: [Partial<CatalogCard>, CatalogCard["status"]][] = [
      [{ completedAt: done, readLessons: 0, status: "completed" }, "completed"],
      [{ completedAt: done, lessons: 0, readLessons: 0, status: "completed" }, "completed"],
      [{ readLessons: 1, status: "in_progress" }, "in_progress"],
      [{ readLessons: 0, status: "not_started" }, "not_started"],
    ];
    for (const [over, status] of cases) expect(cardStatus(courseCardView(card(over)))).toBe(status);
  });

  it("packs the cards into columns that unpack to the same views, in order, through JSON", () => {
    const views: CourseCardView[] = [
      courseCardView(card({ slug: "a" })),
      courseCardView(
        card({
          slug: "b",
          completedAt: new Date("2026-03-01T17:00:00Z"),
          requiredDue: new Date("2026-01-28T15:59:59.999Z"),
          assignedByMe: true,
        }),
      ),
      courseCardView(card({ slug: "c", readLessons: 0, requiredDue: new Date("2026-02-01") })),
      courseCardView(card({ slug: "d", assignedByMe: true })),
    ];
    const packed = packCards(views);
    expect(unpackCards(JSON.parse(JSON.stringify(packed)))).toEqual(views);
    expect(packed.assigned).toEqual([1, 3]);
    expect(Object.keys(packed.due)).toEqual(["1", "2"]);
    expect(unpackCards(packCards([]))).toEqual([]);
    // Each field's name once, not once a card.
    expect(JSON.stringify(packed).match(/"summary"/g)).toHaveLength(1);
  });
});
