// `npm run content:stats [slug...]`: per-course counts against the catalogue minimums; exit 1 on a shortfall.
import fs from "node:fs";
import path from "node:path";
import { courseStats, shortfalls } from "../app/modules/content/stats.server.ts";
import { COURSES_DIR } from "../app/modules/content/load.server.ts";

const wanted = process.argv.slice(2);
const slugs = fs
  .readdirSync(COURSES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (wanted.length === 0 || wanted.includes(d.name)))
  .map((d) => d.name)
  .sort();
const problems: string[] = [];
for (const slug of slugs) {
  const s = courseStats(path.join(COURSES_DIR, slug));
  const chars = s.lessons.map((l) => l.explanationChars);
  console.log(
    `${slug}: ${s.lessons.length} lessons (explanation ${chars.join("/")} chars, ${s.lessons.reduce((n, l) => n + l.citations, 0)} citations), ${s.questions} questions (${s.questionCitations} citations)`,
  );
  problems.push(...shortfalls(s));
}
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
