import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourses } from "./load.server.ts";

const COURSE = `title: 测试课程
category: 宪法
audience: STAFF
creditHours: 2
summary: 一门只用于测试内容校验的课程。
questionsPerAttempt: 2
timeLimitMinutes: 10
attemptLimit: 2
`;
const LESSON = `---
title: 第一课
---

## 说明

国家尊重和保障人权，这一条写入宪法。

::cite{law="constitution" article="33"}
`;
const QUESTIONS = `- id: q1
  type: single
  stem: 哪一条规定了公民在法律面前一律平等？
  options:
    - { id: a, text: 第三十三条 }
    - { id: b, text: 第五条 }
  answer: a
  explanation: >-
    见 :cite{law="constitution" article="33"}。
- id: q2
  type: truefalse
  stem: 宪法规定国家尊重和保障人权。
  answer: true
  explanation: >-
    ::cite{law="constitution" article="33"}
`;

function courseTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
  const dir = path.join(root, "content", "courses");
  const all = { "demo/course.yaml": COURSE, "demo/lessons/01-intro.md": LESSON, "demo/questions.yaml": QUESTIONS, ...files };
  for (const [name, text] of Object.entries(all)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (text) fs.writeFileSync(file, text);
  }
  return dir;
}

describe("content validation", () => {
  it("loads a valid course with its citations rendered from the statute library", () => {
    const { courses, errors } = loadCourses(courseTree({}));
    expect(errors).toEqual([]);
    const lesson = courses[0]!.lessons[0]!;
    expect(lesson.html).toContain("国家尊重和保障人权。");
    expect(lesson.html).toContain('href="/laws/constitution/33"');
    expect(lesson.html).toContain("《宪法》第三十三条");
    expect(courses[0]!.questions[1]!.answer).toEqual(["T"]);
  });

  it("names the file and line of an unknown article", () => {
    const { errors } = loadCourses(courseTree({ "demo/lessons/01-intro.md": LESSON.replace('article="33"', 'article="999"') }));
    expect(errors).toEqual([{ file: "content/courses/demo/lessons/01-intro.md", line: 9, message: "《宪法》没有第 999 条（共 143 条）" }]);
  });

  it("quotes the pinned version of a citation with v (行政复议法 2017 第十二条), and links to it", () => {
    const pinned = LESSON.replace('::cite{law="constitution" article="33"}', '::cite{law="administrative-reconsideration-law" article="12" v="2017"}');
    const { courses, errors } = loadCourses(courseTree({ "demo/lessons/01-intro.md": pinned }));
    expect(errors).toEqual([]);
    const html = courses[0]!.lessons[0]!.html;
    expect(html).toContain("对县级以上地方各级人民政府工作部门的具体行政行为不服的");
    expect(html).toContain('href="/laws/administrative-reconsideration-law/12?v=2017"');
    expect(html).toContain("《行政复议法》（2017年版）第十二条");
  });

  it("names a pinned version the law does not have", () => {
    const pinned = LESSON.replace('article="33"}', 'article="33" v="2019"}');
    const { errors } = loadCourses(courseTree({ "demo/lessons/01-intro.md": pinned }));
    expect(errors).toEqual([{ file: "content/courses/demo/lessons/01-intro.md", line: 9, message: "《宪法》没有 2019 年的版本（有：2018）" }]);
  });

  it("names the file and line of an unknown law in a quiz explanation", () => {
    const { errors } = loadCourses(courseTree({ "demo/questions.yaml": QUESTIONS.replace('见 :cite{law="constitution"', '见 :cite{law="no-such-law"') }));
    const unknown = errors.find((e) => e.message === '未知的法律 id "no-such-law"');
    expect(unknown?.file).toBe("content/courses/demo/questions.yaml");
    expect(unknown?.line).toBeGreaterThanOrEqual(8);
    expect(unknown?.line).toBeLessThanOrEqual(10);
  });

  it("names the file and line of an unknown key", () => {
    const { errors } = loadCourses(courseTree({ "demo/course.yaml": `${COURSE}teacher: 张三\n` }));
    expect(errors).toEqual([{ file: "content/courses/demo/course.yaml", line: 9, message: '未知的字段 "teacher"（位于 (顶层)）' }]);
  });

  it("names a missing field", () => {
    const { errors } = loadCourses(courseTree({ "demo/course.yaml": COURSE.replace("creditHours: 2\n", "") }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe("content/courses/demo/course.yaml");
    expect(errors[0]!.message).toMatch(/creditHours/);
  });

  it("rejects a bad value with its line", () => {
    const { errors } = loadCourses(courseTree({ "demo/course.yaml": COURSE.replace("audience: STAFF", "audience: EVERYONE") }));
    expect(errors[0]).toMatchObject({ file: "content/courses/demo/course.yaml", line: 3 });
  });

  it("requires every explanation to cite an article", () => {
    const { errors } = loadCourses(courseTree({ "demo/questions.yaml": QUESTIONS.replace('::cite{law="constitution" article="33"}', "因为宪法这样规定。") }));
    expect(errors.map((e) => e.message)).toContain("题目 q2 的解析必须引用至少一条法条（:cite 或 ::cite）");
  });

  it("renders no raw HTML and drops javascript: and data: links", () => {
    const evil = `${LESSON}\n<script>alert(1)</script>\n\n[点我](javascript:alert(1)) [图](data:text/html,x)\n`;
    const { courses } = loadCourses(courseTree({ "demo/lessons/01-intro.md": evil }));
    const html = courses[0]!.lessons[0]!.html;
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text");
  });

  it("computes a new version when a file changes", () => {
    const a = loadCourses(courseTree({})).courses[0]!.version;
    const b = loadCourses(courseTree({ "demo/lessons/01-intro.md": `${LESSON}\n补充一段。\n` })).courses[0]!.version;
    expect(a).not.toBe(b);
  });
});

describe("the shipped catalogue", () => {
  it("validates every file under content/courses", () => {
    const { errors } = loadCourses();
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([]);
  });
});

describe("citation links", () => {
  it("keep their class through the sanitiser", () => {
    const { courses } = loadCourses(courseTree({}));
    expect(courses[0]!.questions[0]!.explanationHtml).toContain('class="cite-link"');
    expect(courses[0]!.lessons[0]!.html).toContain('<figure class="citation">');
  });
});
