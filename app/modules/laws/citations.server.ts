import fs from "node:fs";
import path from "node:path";
import type { CourseCitation } from "./amendments.ts";

// Every ::cite / :cite in content/courses, with where it stands: the lesson
// paragraph (blank-line separated block) or the quiz question. Read from the
// files directly, so it needs neither the database nor the content sync.

const CITE = /:{1,2}cite\{([^}]*)\}/g;
const ATTR = /(\w+)="([^"]*)"/g;

function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(ATTR)) out[m[1]!] = m[2]!;
  return out;
}

function citationsIn(
  text: string,
  base: Omit<CourseCitation, "law" | "from" | "to" | "v" | "line">,
  line: number,
): CourseCitation[] {
  const out: CourseCitation[] = [];
  for (const m of text.matchAll(CITE)) {
    const a = attributes(m[1]!);
    const range = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(a.article ?? "");
    out.push({
      ...base,
      line: line + text.slice(0, m.index).split("\n").length - 1,
      law: a.law ?? "",
      from: range ? Number(range[1]) : NaN,
      to: range ? Number(range[2] ?? range[1]) : NaN,
      v: a.v ?? null,
    });
  }
  return out;
}

export function courseCitations(root = path.resolve("content/courses")): CourseCitation[] {
  const out: CourseCitation[] = [];
  for (const course of fs.readdirSync(root).sort()) {
    const dir = path.join(root, course);
    if (!fs.statSync(dir).isDirectory()) continue;
    const lessonDir = path.join(dir, "lessons");
    const lessons = fs.existsSync(lessonDir) ? fs.readdirSync(lessonDir).sort() : [];
    for (const f of lessons.filter((f) => f.endsWith(".md"))) {
      const lines = fs.readFileSync(path.join(lessonDir, f), "utf8").split("\n");
      let paragraph = 0;
      let start = 0;
      let block: string[] = [];
      const flush = () => {
        if (block.length === 0) return;
        paragraph++;
        const text = block.join("\n");
        out.push(
          ...citationsIn(
            text,
            {
              course,
              file: `lessons/${f}`,
              // The lesson slug as content sync stores it (load.server.ts): no "01-" prefix.
              where: {
                kind: "lesson",
                lesson: f.replace(/\.md$/, "").replace(/^\d+-/, ""),
                paragraph,
              },
              excerpt: text.replace(CITE, "").trim().slice(0, 80),
            },
            start + 1,
          ),
        );
        block = [];
      };
      lines.forEach((l, i) => {
        if (l.trim() === "") flush();
        else {
          if (block.length === 0) start = i;
          block.push(l);
        }
      });
      flush();
    }
    const qFile = path.join(dir, "questions.yaml");
    if (!fs.existsSync(qFile)) continue;
    const lines = fs.readFileSync(qFile, "utf8").split("\n");
    let question = "";
    lines.forEach((l, i) => {
      const id = /^- id:\s*(\S+)/.exec(l);
      if (id) question = id[1]!;
      out.push(
        ...citationsIn(
          l,
          {
            course,
            file: "questions.yaml",
            where: { kind: "question", question },
            excerpt: l.replace(CITE, "").trim().slice(0, 80),
          },
          i + 1,
        ),
      );
    });
  }
  return out;
}
