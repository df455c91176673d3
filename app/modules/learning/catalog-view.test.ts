import { describe, expect, it } from "vitest";
import {
  CARD_SUMMARY_LENGTH,
  type CardStatus,
  type CourseCardView,
  cardDay,
  cardStatus,
  cardSummary,
  packCards,
  unpackCards,
} from "./catalog-view.ts";

const card = (over: Partial<CourseCardView> = {}): CourseCardView => ({
  slug: "s",
  title: "课程",
  category: "宪法",
  summary: "短简介",
  creditHours: 3,
  lessons: 5,
  read: 2,
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

  it("gives a card's days (completion, due) in Beijing time", () => {
    expect(cardDay(new Date("2026-03-01T17:00:00Z"))).toBe("2026-03-02"); // 01:00 in Beijing
    expect(cardDay(new Date("2026-01-28T15:59:59.999Z"))).toBe("2026-01-28"); // 23:59 in Beijing
  });

  it("derives the card's status as the catalogue does: complete, begun, not begun", () => {
    const cases: [Partial<CourseCardView>, CardStatus][] = [
      [{ done: "2026-03-01", read: 5 }, "completed"],
      [{ done: "2026-03-01", lessons: 0, read: 0 }, "completed"],
      [{ read: 1 }, "in_progress"],
      [{ read: 0 }, "not_started"],
    ];
    for (const [over, status] of cases) expect(cardStatus(card(over))).toBe(status);
  });

  it("packs the cards into columns that unpack to the same views, in order, through JSON", () => {
    const views: CourseCardView[] = [
      card({ slug: "a" }),
      card({ slug: "b", read: 5, done: "2026-03-02", due: "2026-01-28", assigned: true }),
      card({ slug: "c", read: 0, due: "2026-02-01" }),
      card({ slug: "d", assigned: true }),
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
