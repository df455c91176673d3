// Per-course content counts for the catalogue's quality minimums (issue 6):
// lessons, the authors' own explanation per lesson (CJK characters outside
// citation directives, front matter and Markdown markup), questions and citations.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export const MINIMUMS = { lessons: 4, explanationChars: 800, questions: 15 } as const;

const CITE = /:{1,2}cite\{[^}]*\}/g;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/g;

export type LessonStats = { file: string; explanationChars: number; citations: number };
export type CourseStats = { slug: string; lessons: LessonStats[]; questions: number; questionCitations: number; questionsWithoutCitation: string[] };

/** CJK characters of the authors' own text: citation directives and front matter removed. */
export function explanationChars(markdown: string): number {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, "").replace(CITE, "");
  return body.match(CJK)?.length ?? 0;
}

export const countCitations = (text: string) => text.match(CITE)?.length ?? 0;

export function courseStats(dir: string): CourseStats {
  const lessonDir = path.join(dir, "lessons");
  const lessons = fs.readdirSync(lessonDir).filter((f) => f.endsWith(".md")).sort().map((file) => {
    const text = fs.readFileSync(path.join(lessonDir, file), "utf8");
    return { file, explanationChars: explanationChars(text), citations: countCitations(text) };
  });
  const bank = (parse(fs.readFileSync(path.join(dir, "questions.yaml"), "utf8")) ?? []) as { id: string; explanation?: string }[];
  const questionsWithoutCitation = bank.filter((q) => countCitations(q.explanation ?? "") === 0).map((q) => q.id);
  return { slug: path.basename(dir), lessons, questions: bank.length, questionCitations: bank.reduce((n, q) => n + countCitations(q.explanation ?? ""), 0), questionsWithoutCitation };
}

/** Human-readable shortfalls against MINIMUMS; empty when the course meets them. */
export function shortfalls(s: CourseStats): string[] {
  const out: string[] = [];
  if (s.lessons.length < MINIMUMS.lessons) out.push(`${s.slug}: ${s.lessons.length} lessons (< ${MINIMUMS.lessons})`);
  for (const l of s.lessons) {
    if (l.explanationChars < MINIMUMS.explanationChars) out.push(`${s.slug}/${l.file}: ${l.explanationChars} characters of explanation (< ${MINIMUMS.explanationChars})`);
    if (l.citations === 0) out.push(`${s.slug}/${l.file}: cites no article`);
  }
  if (s.questions < MINIMUMS.questions) out.push(`${s.slug}: ${s.questions} questions (< ${MINIMUMS.questions})`);
  for (const id of s.questionsWithoutCitation) out.push(`${s.slug}/questions.yaml ${id}: explanation cites no article`);
  return out;
}
