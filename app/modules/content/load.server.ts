import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isMap, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { citedLength, renderMarkdown } from "./markdown.server.ts";
import { CourseMetaSchema, LessonFrontSchema, QuestionBankSchema, SlugSchema, type CourseMeta, type QuestionSpec } from "./schemas.ts";

export const COURSES_DIR = path.resolve("content/courses");
const CHARS_PER_MINUTE = 400;

export type ContentError = { file: string; line: number; message: string };
export type LoadedLesson = { slug: string; position: number; title: string; html: string; textLength: number; minReadSeconds: number; version: string };
export type LoadedQuestion = { key: string; type: QuestionSpec["type"]; scenarioHtml: string | null; stem: string; options: { id: string; text: string }[]; answer: string[]; explanationHtml: string };
export type LoadedCourse = { slug: string; meta: CourseMeta; quizIntroHtml: string | null; version: string; lessons: LoadedLesson[]; questions: LoadedQuestion[] };

const sha = (data: string) => crypto.createHash("sha256").update(data).digest("hex").slice(0, 16);

class Collector {
  errors: ContentError[] = [];
  constructor(private root: string) {}
  add(file: string, line: number, message: string) {
    this.errors.push({ file: path.relative(this.root, file), line, message });
  }
}

/** The line of the YAML node at `issuePath` (or of the offending key for unknown keys). */
function lineOf(doc: Document, lc: LineCounter, issuePath: PropertyKey[], key?: string): number {
  let node = doc.getIn(issuePath as (string | number)[], true) as { range?: [number, number, number] } | undefined;
  if (key) {
    const map = doc.getIn(issuePath as (string | number)[], true) ?? (issuePath.length === 0 ? doc.contents : undefined);
    if (isMap(map)) node = map.items.find((p) => (p.key as { value?: unknown })?.value === key)?.key as typeof node;
  }
  for (let p = issuePath.length; !node?.range && p > 0; p--) node = doc.getIn(issuePath.slice(0, p - 1) as (string | number)[], true) as typeof node;
  return node?.range ? lc.linePos(node.range[0]).line : 1;
}

function parseYamlFile<S extends z.ZodType>(file: string, source: string, schema: S, out: Collector, lineShift = 0): { data?: z.output<S>; doc?: Document; lc: LineCounter } {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) out.add(file, (e.linePos?.[0]?.line ?? 1) + lineShift, `YAML 语法错误：${e.message.split("\n")[0]}`);
    return { lc };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { data: result.data, doc, lc };
  for (const issue of result.error.issues) {
    const where = issue.path.join(".") || "(顶层)";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.add(file, lineOf(doc, lc, issue.path, key) + lineShift, `未知的字段 "${key}"（位于 ${where}）`);
    } else {
      out.add(file, lineOf(doc, lc, issue.path) + lineShift, `${where}：${issue.message}`);
    }
  }
  return { doc, lc };
}

function markdownField(file: string, out: Collector, source: string, line: number) {
  // Block scalars start on the line after the key.
  const rendered = renderMarkdown(source, line);
  for (const p of rendered.problems) out.add(file, p.line, p.message);
  return rendered;
}

function loadLesson(file: string, position: number, out: Collector, timeScale: number): LoadedLesson | null {
  const source = fs.readFileSync(file, "utf8");
  const slug = path.basename(file, ".md").replace(/^\d+-/, "");
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!fm) {
    out.add(file, 1, "缺少 YAML 头（--- title: ... ---）");
    return null;
  }
  const front = parseYamlFile(file, fm[1]!, LessonFrontSchema, out, 1).data;
  const bodyOffset = fm[0].split("\n").length - 1;
  const rendered = renderMarkdown(source.slice(fm[0].length), bodyOffset);
  for (const p of rendered.problems) out.add(file, p.line, p.message);
  if (!front) return null;
  const textLength = rendered.plainLength + citedLength(rendered.citations);
  const seconds = front.minReadMinutes ? front.minReadMinutes * 60 : Math.max(60, Math.ceil((textLength / CHARS_PER_MINUTE) * 60));
  return { slug, position, title: front.title, html: rendered.html, textLength, minReadSeconds: Math.round(seconds * timeScale), version: sha(source) };
}

function loadQuestions(file: string, out: Collector): LoadedQuestion[] {
  if (!fs.existsSync(file)) {
    out.add(file, 1, "缺少题库文件 questions.yaml");
    return [];
  }
  const { data, doc, lc } = parseYamlFile(file, fs.readFileSync(file, "utf8"), QuestionBankSchema, out);
  if (!data || !doc) return [];
  const seen = new Set<string>();
  return data.map((q, i) => {
    const line = (field: string) => lineOf(doc, lc, [i, field]);
    if (seen.has(q.id)) out.add(file, line("id"), `题目 id "${q.id}" 重复`);
    seen.add(q.id);
    const explanation = markdownField(file, out, q.explanation, line("explanation"));
    if (explanation.citations.length === 0) out.add(file, line("explanation"), `题目 ${q.id} 的解析必须引用至少一条法条（:cite 或 ::cite）`);
    const options = q.type === "truefalse" ? [{ id: "T", text: "正确" }, { id: "F", text: "错误" }] : q.options;
    const answer = q.type === "truefalse" ? [q.answer ? "T" : "F"] : q.type === "single" ? [q.answer] : [...q.answer].sort();
    return {
      key: q.id,
      type: q.type,
      scenarioHtml: q.scenario ? markdownField(file, out, q.scenario, line("scenario")).html : null,
      stem: q.stem,
      options,
      answer,
      explanationHtml: explanation.html,
    };
  });
}

function loadCourse(dir: string, out: Collector, timeScale: number): LoadedCourse | null {
  const slug = path.basename(dir);
  const metaFile = path.join(dir, "course.yaml");
  if (!SlugSchema.safeParse(slug).success) out.add(dir, 1, `课程目录名 "${slug}" 只能用小写字母、数字和连字符`);
  if (!fs.existsSync(metaFile)) {
    out.add(metaFile, 1, "缺少 course.yaml");
    return null;
  }
  const { data: meta, doc, lc } = parseYamlFile(metaFile, fs.readFileSync(metaFile, "utf8"), CourseMetaSchema, out);
  const lessonDir = path.join(dir, "lessons");
  const lessonFiles = fs.existsSync(lessonDir) ? fs.readdirSync(lessonDir).filter((f) => f.endsWith(".md")).sort() : [];
  if (lessonFiles.length === 0) out.add(lessonDir, 1, "课程至少需要一课（lessons/01-xxx.md）");
  for (const f of lessonFiles) if (!/^\d{2}-[a-z0-9-]+\.md$/.test(f)) out.add(path.join(lessonDir, f), 1, "课文文件名应为 两位序号-小写字母.md，例如 01-basics.md");
  const lessons = lessonFiles.map((f, i) => loadLesson(path.join(lessonDir, f), i + 1, out, timeScale)).filter((l): l is LoadedLesson => l !== null);
  const questions = loadQuestions(path.join(dir, "questions.yaml"), out);
  if (!meta || !doc) return null;
  if (questions.length > 0 && questions.length < meta.questionsPerAttempt) {
    out.add(metaFile, lineOf(doc, lc, ["questionsPerAttempt"]), `题库只有 ${questions.length} 题，少于每次抽取的 ${meta.questionsPerAttempt} 题`);
  }
  const quizIntroHtml = meta.quizIntro ? markdownField(metaFile, out, meta.quizIntro, lineOf(doc, lc, ["quizIntro"])).html : null;
  const files = [metaFile, ...lessonFiles.map((f) => path.join(lessonDir, f)), path.join(dir, "questions.yaml")];
  const version = sha(files.map((f) => `${path.relative(dir, f)}\n${fs.existsSync(f) ? fs.readFileSync(f, "utf8") : ""}`).join("\n\u0000\n"));
  return { slug, meta, quizIntroHtml, version, lessons, questions };
}

/**
 * Reads and validates every course under `root` (or only the slugs `only` names: the demo
 * seed's assigned course). `timeScale` shortens reading times (READING_TIME_SCALE, for
 * end-to-end tests only).
 */
export function loadCourses(root = COURSES_DIR, timeScale = 1, only?: readonly string[]): { courses: LoadedCourse[]; errors: ContentError[] } {
  const out = new Collector(path.dirname(path.dirname(root)));
  const dirs = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && (!only || only.includes(d.name))).map((d) => path.join(root, d.name)).sort() : [];
  const courses = dirs.map((d) => loadCourse(d, out, timeScale)).filter((c): c is LoadedCourse => c !== null);
  return { courses: out.errors.length ? [] : courses, errors: out.errors };
}
