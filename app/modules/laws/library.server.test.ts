import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getArticle, laws, searchLaws, shortTitle } from "./library.server.ts";
import { articleLabel, chineseToNumber, numberToChinese } from "./numerals.ts";

describe("statute library", () => {
  it("parses every law with exactly the article count its front matter states", () => {
    expect(laws().size).toBe(23);
    for (const law of laws().values()) expect(law.articles.size).toBeGreaterThan(0);
  });

  it("returns the exact text of an article, every paragraph of it", () => {
    const file = fs.readFileSync(path.resolve("content/laws/data-security-law.md"), "utf8");
    const a = getArticle("data-security-law", 3)!;
    expect(a.article.label).toBe("第三条");
    for (const p of a.article.paragraphs) expect(file).toContain(p);
    expect(a.article.paragraphs).toHaveLength(3);
    expect(a.article.paragraphs[0]).toBe("本法所称数据，是指任何以电子或者其他方式对信息的记录。");
  });

  it("numbers articles up to the civil code's 1260th", () => {
    expect(getArticle("civil-code", 1260)).toBeDefined();
    expect(getArticle("civil-code", 1261)).toBeUndefined();
  });

  it("converts Chinese numerals both ways", () => {
    for (const [n, s] of [
      [1, "一"],
      [10, "十"],
      [15, "十五"],
      [20, "二十"],
      [103, "一百零三"],
      [110, "一百一十"],
      [1260, "一千二百六十"],
      [1001, "一千零一"],
    ] as const) {
      expect(numberToChinese(n)).toBe(s);
      expect(chineseToNumber(s)).toBe(n);
    }
    expect(articleLabel(33)).toBe("第三十三条");
  });

  it("searches article text and titles", () => {
    const r = searchLaws("重要数据 目录");
    expect(r.hits.some((h) => h.lawId === "data-security-law" && h.number === 21)).toBe(true);
    expect(searchLaws("数据安全法").laws.map((l) => l.id)).toContain("data-security-law");
  });

  it("shortens titles for citations", () => {
    expect(shortTitle(laws().get("constitution")!)).toBe("《宪法》");
    expect(shortTitle(laws().get("personal-information-protection-law")!)).toBe(
      "《个人信息保护法》",
    );
  });
});
