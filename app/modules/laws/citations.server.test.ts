import { describe, expect, it } from "vitest";
import { affectedCitations, type CourseCitation } from "./amendments.ts";
import { courseCitations } from "./citations.server.ts";
import { findVersion, getLawEntry } from "./library.server.ts";
import { compareVersions } from "./views.server.ts";

describe("course citations and the statute library", () => {
  it("every citation in every course resolves in the version it names (unpinned: the version in force)", () => {
    const all = courseCitations();
    expect(all.length).toBeGreaterThan(2000);
    const broken: string[] = [];
    for (const c of all) {
      const entry = getLawEntry(c.law);
      const version = entry && findVersion(entry, c.v);
      for (let n = c.from; n <= c.to; n++)
        if (!version?.articles.has(n)) broken.push(`${c.course}/${c.file}:${c.line} ${c.law} ${n}`);
      if (!(c.from <= c.to)) broken.push(`${c.course}/${c.file}:${c.line} bad range`);
    }
    expect(broken).toEqual([]);
  });

  it("places each citation in its lesson paragraph or quiz question", () => {
    const all = courseCitations();
    const q = all.find((c) => c.course === "constitution" && c.file === "questions.yaml")!;
    expect(q.where).toEqual({ kind: "question", question: "q01" });
    const l = all.find((c) => c.where.kind === "lesson")!;
    expect(l.where.kind === "lesson" && l.where.paragraph).toBeGreaterThan(0);
  });
});

describe("citations affected by a new version", () => {
  const entry = getLawEntry("administrative-reconsideration-law")!;
  const comparison = compareVersions(
    entry,
    findVersion(entry, "2017")!,
    findVersion(entry, "2023")!,
  );
  const cite = (article: number, v: string | null = null, to = article): CourseCitation => ({
    course: "administrative-penalty-reconsideration",
    file: "lessons/03-reconsideration.md",
    line: 10,
    where: { kind: "lesson", lesson: "reconsideration", paragraph: 2 },
    excerpt: "",
    law: "administrative-reconsideration-law",
    from: article,
    to,
    v,
  });

  it("flags a lesson citing 行政复议法 2017 第十二条 once the 2023 version is loaded: moved to 第二十七条 and changed", () => {
    const [hit, ...rest] = affectedCitations("administrative-reconsideration-law", comparison, [
      cite(12),
    ]);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ article: 12, change: "moved-and-changed", newNumber: 27 });
    expect(hit!.oldText).toContain("工作部门");
  });

  it("flags a deleted article and every changed article of a range", () => {
    expect(
      affectedCitations("administrative-reconsideration-law", comparison, [cite(3)]),
    ).toMatchObject([{ article: 3, change: "deleted", newNumber: null, newText: null }]);
    expect(
      affectedCitations("administrative-reconsideration-law", comparison, [cite(9, null, 11)]).map(
        (a) => a.article,
      ),
    ).toEqual([9, 10, 11]);
  });

  it("does not flag citations pinned to a version, other laws, or articles left as they were", () => {
    expect(
      affectedCitations("administrative-reconsideration-law", comparison, [cite(12, "2017")]),
    ).toEqual([]);
    expect(
      affectedCitations("administrative-reconsideration-law", comparison, [
        { ...cite(12), law: "constitution" },
      ]),
    ).toEqual([]);
    const sup = getLawEntry("supervision-law")!;
    const c = compareVersions(sup, findVersion(sup, "2018")!, findVersion(sup, "2024")!);
    const supCite = { ...cite(2), law: "supervision-law" };
    expect(affectedCitations("supervision-law", c, [supCite])).toEqual([]);
    expect(
      affectedCitations("supervision-law", c, [{ ...supCite, from: 69, to: 69 }]),
    ).toMatchObject([{ change: "moved", newNumber: 78 }]);
  });
});
