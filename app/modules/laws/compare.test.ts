import { describe, expect, it } from "vitest";
import { articleText, compareArticles, rowOf, wordDiff } from "./compare.ts";
import { findVersion, getLawEntry } from "./library.server.ts";

function compare(id: string, from: string, to: string) {
  const e = getLawEntry(id)!;
  const list = (k: string) => [...findVersion(e, k)!.articles.values()].map(articleText);
  return compareArticles(list(from), list(to));
}

const art = (number: number, text: string) => ({ number, label: `第${number}条`, text });

describe("新旧对照", () => {
  it("matches renumbered articles by content, not by number", () => {
    const c = compareArticles(
      [art(1, "甲乙丙丁戊己庚辛"), art(2, "子丑寅卯辰巳午未申酉"), art(3, "一二三四五六七八")],
      [
        art(1, "甲乙丙丁戊己庚辛"),
        art(2, "全新的条文内容在此"),
        art(3, "子丑寅卯辰巳午未申酉"),
        art(4, "一二三四五六七八九"),
      ],
    );
    expect(c.counts).toEqual({ added: 1, deleted: 0, changed: 1, moved: 2, unchanged: 2 });
    const moved = rowOf(c, "old", 2)!;
    expect(moved.kind === "unchanged" && moved.moved && moved.new.number).toBe(3);
    expect(rowOf(c, "new", 2)!.kind).toBe("added");
  });

  it("lists a deleted article where it stood", () => {
    const c = compareArticles(
      [art(1, "甲乙丙丁戊己庚辛"), art(2, "子丑寅卯辰巳午未申酉"), art(3, "一二三四五六七八")],
      [art(1, "甲乙丙丁戊己庚辛"), art(2, "一二三四五六七八")],
    );
    expect(c.rows.map((r) => r.kind)).toEqual(["unchanged", "deleted", "unchanged"]);
  });

  it("diffs changed articles by Chinese words, not by characters", () => {
    const parts = wordDiff(
      "公民、法人或者其他组织认为具体行政行为侵犯其合法权益",
      "公民、法人或者其他组织认为行政机关的行政行为侵犯其合法权益",
    );
    expect(parts.filter((p) => p.removed).map((p) => p.value)).toEqual(["具体"]);
    // Whole words move (机关 is never split); either alignment of the repeated 行政 is right.
    const added = parts.filter((p) => p.added).map((p) => p.value);
    expect(added).toHaveLength(1);
    expect(["行政机关的", "机关的行政"]).toContain(added[0]);
    expect(parts.map((p) => p.value).join("")).toContain("合法权益");
  });

  it("行政复议法 2017 → 2023: 第九条 (sixty days) is now 第二十条, 第十二条 is now 第二十七条", () => {
    const c = compare("administrative-reconsideration-law", "2017", "2023");
    const r9 = rowOf(c, "old", 9)!;
    expect(
      r9.kind !== "deleted" && r9.kind !== "added" && [r9.kind, r9.moved, r9.new.number],
    ).toEqual(["changed", true, 20]);
    const r12 = rowOf(c, "old", 12)!;
    expect(r12.kind === "changed" && r12.new.number).toBe(27);
    expect(c.counts.added).toBeGreaterThan(40);
  });

  it("监察法 2018 → 2024: 留置 (第二十二条) is now 第二十四条, 第四十三条 is now 第四十七条", () => {
    const c = compare("supervision-law", "2018", "2024");
    const r22 = rowOf(c, "old", 22)!;
    expect(r22.kind === "changed" && r22.new.number).toBe(24);
    const r43 = rowOf(c, "old", 43)!;
    expect(r43.kind === "changed" && r43.new.number).toBe(47);
    const r69 = rowOf(c, "old", 69)!;
    expect(r69.kind === "unchanged" && r69.moved && r69.new.number).toBe(78);
    expect(c.counts.deleted).toBe(0);
    expect(c.counts.added).toBe(9);
  });

  it("公司法 2018 → 2023: 第七十一条 (share transfers) is now 第八十四条, 第二十条 is now 第二十一条", () => {
    const c = compare("company-law", "2018", "2023");
    const r71 = rowOf(c, "old", 71)!;
    expect(r71.kind === "changed" && r71.new.number).toBe(84);
    const r20 = rowOf(c, "old", 20)!;
    expect(r20.kind === "changed" && r20.new.number).toBe(21);
  });
});
