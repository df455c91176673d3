import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourses, COURSES_DIR } from "./load.server.ts";
import { courseStats, explanationChars, shortfalls } from "./stats.server.ts";

describe("catalogue quality minimums (issue 6)", () => {
  it("counts only the authors' own CJK text, not citations or front matter", () => {
    expect(explanationChars('---\ntitle: 标题\n---\n\n数据安全\n\n::cite{law="data-security-law" article="1"}\n\n见:cite{law="constitution" article="5"}。')).toBe(5);
  });

  it("reports a lesson below 800 characters and a question without citation", () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "stats-"));
    fs.mkdirSync(path.join(dir, "lessons"));
    fs.writeFileSync(path.join(dir, "lessons/01-a.md"), "---\ntitle: 甲\n---\n短文。\n");
    fs.writeFileSync(path.join(dir, "questions.yaml"), "- id: q01\n  explanation: 没有引用\n");
    const problems = shortfalls(courseStats(dir));
    expect(problems.join("\n")).toMatch(/1 lessons \(< 4\)/);
    expect(problems.join("\n")).toMatch(/01-a\.md: 2 characters of explanation/);
    expect(problems.join("\n")).toMatch(/q01: explanation cites no article/);
    expect(problems.join("\n")).toMatch(/1 questions \(< 15\)/);
  });

  it("every shipped course meets the minimums: lessons, 800 characters each, 15 questions, citations", () => {
    const slugs = fs.readdirSync(COURSES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(slugs.length).toBeGreaterThanOrEqual(2);
    expect(slugs.flatMap((s) => shortfalls(courseStats(path.join(COURSES_DIR, s))))).toEqual([]);
  });

  it("every shipped course validates: cited articles exist and answer keys point to existing options", () => {
    const { errors, courses } = loadCourses();
    expect(errors).toEqual([]);
    for (const c of courses) for (const q of c.questions) {
      if (q.type === "truefalse") continue;
      const ids = new Set(q.options.map((o) => o.id));
      expect(q.answer.every((a) => ids.has(a)), `${c.slug}/${q.key}`).toBe(true);
    }
  });
});
