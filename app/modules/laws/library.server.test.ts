import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chineseDate, todayInShanghai } from "./dates.ts";
import {
  currentVersion,
  findVersion,
  getArticle,
  getLawEntry,
  lawCatalogue,
  lawEntries,
  laws,
  noticesOf,
  shortTitle,
  validityOf,
} from "./library.server.ts";
import { articleLabel, chineseToNumber, numberToChinese } from "./numerals.ts";
import { parseLawFile } from "./parse.ts";
import { defaultVersionIndex, versionValidity } from "./status.ts";

// The texts must stay byte-equal to the shared statute folder. CI keeps it at
// ../shared beside the clone; engineers' worktrees sit one level deeper.
const SHARED = ["../shared/laws", "../../shared/laws"]
  .map((p) => path.resolve(p))
  .find((p) => fs.existsSync(p));

describe("statute library", () => {
  it("loads the 23 current instruments and the five earlier versions", () => {
    expect(lawEntries().size).toBe(23);
    const versions = [...lawEntries().values()].flatMap((e) => e.versions);
    expect(versions).toHaveLength(28);
    const keys = (id: string) => getLawEntry(id)!.versions.map((v) => v.key);
    expect(keys("company-law")).toEqual(["2018", "2023"]);
    expect(keys("administrative-reconsideration-law")).toEqual(["2017", "2023"]);
    expect(keys("supervision-law")).toEqual(["2018", "2024"]);
    expect(keys("state-secrets-law")).toEqual(["2010", "2024"]);
    expect(keys("state-secrets-law-implementing-regulation")).toEqual(["2014", "2024"]);
  });

  it("every version has exactly the article count of its front matter, numbered 1..n", () => {
    for (const e of lawEntries().values())
      for (const v of e.versions) {
        const source = fs.readFileSync(path.join("content/laws", v.file), "utf8");
        const count = Number(/article_count: (\d+)/.exec(source)![1]);
        expect(v.articles.size, v.file).toBe(count);
        expect([...v.articles.keys()], v.file).toEqual(
          Array.from({ length: count }, (_, i) => i + 1),
        );
      }
  });

  it.skipIf(!SHARED)("article lines are byte-equal to ../shared/laws, current and history", () => {
    const files = [
      ...fs.readdirSync(SHARED!).filter((f) => f.endsWith(".md") && f !== "README.md"),
      ...fs.readdirSync(path.join(SHARED!, "history")).map((f) => `history/${f}`),
    ];
    expect(files).toHaveLength(28);
    for (const f of files) {
      const ours = parseLawFile(f, fs.readFileSync(path.join("content/laws", f), "utf8"));
      const theirs = parseLawFile(f, fs.readFileSync(path.join(SHARED!, f), "utf8"));
      expect(ours.articleLines, f).toEqual(theirs.articleLines);
      expect(ours.articleLines.length, f).toBe(theirs.meta.article_count);
    }
  });
  if (!SHARED)
    it.skip("byte-equality with the shared laws skipped: ../shared/laws is not beside this clone", () => {});

  it("returns the exact text of an article, every paragraph of it", () => {
    const file = fs.readFileSync(path.resolve("content/laws/data-security-law.md"), "utf8");
    const a = getArticle("data-security-law", 3)!;
    expect(a.article.label).toBe("第三条");
    for (const p of a.article.paragraphs) expect(file).toContain(p);
    expect(a.article.paragraphs).toHaveLength(3);
    expect(getArticle("civil-code", 1260)).toBeDefined();
    expect(getArticle("civil-code", 1261)).toBeUndefined();
  });

  it("shows the version in force by default; ?v names a revision year or a date", () => {
    const e = getLawEntry("company-law")!;
    expect(currentVersion(e, "2026-12-06").key).toBe("2023");
    expect(currentVersion(e, "2024-06-30").key).toBe("2018");
    expect(findVersion(e, "2018")!.articles.size).toBe(218);
    expect(findVersion(e, "2020-05-01")!.key).toBe("2018");
    expect(findVersion(e, "2024-07-01")!.key).toBe("2023");
    expect(findVersion(e, "2019")).toBeUndefined();
    expect(getArticle("company-law", 220, "2018")).toBeUndefined();
    expect(getArticle("company-law", 220)).toBeDefined();
  });

  it("computes 效力 from the versions and today's date in Asia/Shanghai", () => {
    const v = { revisionDate: "2023-12-29", effective: "2024-07-01", until: null };
    expect(versionValidity(v, "2024-06-30")).toBe("尚未生效");
    expect(versionValidity(v, "2024-07-01")).toBe("现行有效");
    expect(versionValidity({ ...v, until: "2026-01-01" }, "2026-01-01")).toBe("已被修改");
    expect(versionValidity(v, "2030-01-01", [], "2030-01-01")).toBe("已废止");
    const amendment = { adopted: "2025-10-28", effective: "2026-01-01", notice: "…" };
    expect(versionValidity(v, "2025-12-31", [amendment])).toBe("现行有效");
    expect(versionValidity(v, "2026-01-01", [amendment])).toBe("已被修改");
    expect(defaultVersionIndex(["2018-01-01", "2024-01-01"], "2023-12-31")).toBe(0);
    expect(defaultVersionIndex(["2030-01-01"], "2026-01-01")).toBe(0);
    // 23:30 UTC on 31 December is already 1 January in Beijing.
    expect(todayInShanghai(new Date("2025-12-31T16:30:00Z"))).toBe("2026-01-01");
    expect(chineseDate("2026-01-01")).toBe("2026年1月1日");
  });

  it("shows the Cybersecurity Law as 已被修改 with a Chinese notice that this is the text before the 2025 amendment", () => {
    const e = getLawEntry("cybersecurity-law")!;
    const v = currentVersion(e, "2026-12-06");
    expect(validityOf(e, v, "2026-12-06")).toBe("已被修改");
    expect(validityOf(e, v, "2025-12-31")).toBe("现行有效");
    const [notice] = noticesOf(e, v, "2026-12-06");
    expect(notice).toContain("2025年10月28日");
    expect(notice).toContain("2026年1月1日");
    expect(notice).not.toMatch(/[A-Za-z]{3,}/);
    // Every other law in force today.
    for (const entry of lawEntries().values())
      if (entry.id !== "cybersecurity-law")
        expect(validityOf(entry, currentVersion(entry, "2026-12-06"), "2026-12-06"), entry.id).toBe(
          "现行有效",
        );
    expect(
      validityOf(
        getLawEntry("company-law")!,
        findVersion(getLawEntry("company-law")!, "2018")!,
        "2026-12-06",
      ),
    ).toBe("已被修改");
  });

  it("groups laws by rank (宪法, 法律, 行政法规) and then by field, with counts", () => {
    const groups = lawCatalogue("2026-12-06");
    expect(groups.map((g) => [g.rank, g.count])).toEqual([
      ["宪法", 1],
      ["法律", 16],
      ["行政法规", 6],
    ]);
    for (const g of groups) expect(g.fields.reduce((n, f) => n + f.count, 0)).toBe(g.count);
    expect(groups[0]!.fields[0]!.laws[0]!.id).toBe("constitution");
  });

  it("converts Chinese numerals both ways", () => {
    for (const [n, s] of [
      [1, "一"],
      [10, "十"],
      [15, "十五"],
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

  it("shortens titles for citations", () => {
    expect(shortTitle(laws().get("constitution")!)).toBe("《宪法》");
    expect(shortTitle(laws().get("personal-information-protection-law")!)).toBe(
      "《个人信息保护法》",
    );
  });
});

describe("version periods", () => {
  it("ends a text's period the day before its successor, or a recorded amendment, took effect", async () => {
    const { versionInfo } = await import("./views.server.ts");
    const company = getLawEntry("company-law")!;
    expect(versionInfo(company, findVersion(company, "2018")!, "2026-12-06").period).toBe(
      "2018年10月26日至2024年6月30日",
    );
    expect(versionInfo(company, findVersion(company, "2023")!, "2026-12-06").period).toBe(
      "2024年7月1日起",
    );
    const cyber = getLawEntry("cybersecurity-law")!;
    expect(versionInfo(cyber, currentVersion(cyber), "2026-12-06").period).toBe(
      "2017年6月1日至2025年12月31日",
    );
    expect(versionInfo(cyber, currentVersion(cyber), "2025-06-01").period).toBe("2017年6月1日起");
  });
});
