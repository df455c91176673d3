import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { articleLabel, chineseToNumber } from "./numerals.ts";

// The statute library: content/laws/*.md (copied from shared/laws, front matter
// kept), parsed once per process. Nothing here retypes a statute: every text a
// page shows comes from these files.

export const LAWS_DIR = path.resolve("content/laws");

const FrontMatter = z.object({
  title: z.string(),
  kind: z.string(),
  revision: z.string(),
  effective: z.string(),
  article_count: z.number().int().positive(),
  note: z.string().optional(),
  source: z.unknown().optional(),
});

export type Article = {
  number: number;
  label: string;
  paragraphs: string[];
  chapter: string | null;
};
export type Block =
  | { type: "heading"; level: number; text: string; anchor: string }
  | { type: "article"; number: number }
  | { type: "paragraph"; text: string };
export type Law = {
  id: string;
  title: string;
  kind: string;
  revision: string;
  effective: string;
  note: string | null;
  blocks: Block[];
  articles: Map<number, Article>;
};

const ARTICLE_LINE = /^第([零〇一二三四五六七八九十百千两]+)条[\s\u3000]+(.*)$/;

export function parseLaw(id: string, source: string): Law {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error(`${id}.md: no front matter`);
  const meta = FrontMatter.parse(parseYaml(match[1]!));
  const lines = source.slice(match[0].length).split("\n");
  const blocks: Block[] = [];
  const articles = new Map<number, Article>();
  let current: Article | null = null;
  let chapter: string | null = null;
  let headingCount = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith("# ")) continue;
    const heading = /^(#{2,6})\s+(.*)$/.exec(line);
    if (heading) {
      current = null;
      chapter = heading[2]!.replace(/\s+/g, " ");
      blocks.push({
        type: "heading",
        level: heading[1]!.length,
        text: chapter,
        anchor: `h${++headingCount}`,
      });
      continue;
    }
    const article = ARTICLE_LINE.exec(line);
    if (article) {
      const number = chineseToNumber(article[1]!);
      current = { number, label: articleLabel(number), paragraphs: [article[2]!], chapter };
      articles.set(number, current);
      blocks.push({ type: "article", number });
      continue;
    }
    if (current) current.paragraphs.push(line);
    else blocks.push({ type: "paragraph", text: line });
  }
  if (articles.size !== meta.article_count) {
    throw new Error(
      `${id}.md: ${articles.size} articles parsed, front matter says ${meta.article_count}`,
    );
  }
  return {
    id,
    title: meta.title,
    kind: meta.kind,
    revision: meta.revision,
    effective: meta.effective,
    note: meta.note ?? null,
    blocks,
    articles,
  };
}

let cache: Map<string, Law> | undefined;

/** Every law in content/laws, by id (the file name without .md). */
export function laws(): Map<string, Law> {
  if (!cache) {
    cache = new Map();
    for (const file of fs
      .readdirSync(LAWS_DIR)
      .filter((f) => f.endsWith(".md") && f !== "SOURCE.md")
      .sort()) {
      const id = file.slice(0, -3);
      cache.set(id, parseLaw(id, fs.readFileSync(path.join(LAWS_DIR, file), "utf8")));
    }
  }
  return cache;
}

export function getLaw(id: string): Law | undefined {
  return laws().get(id);
}

export function getArticle(
  lawId: string,
  number: number,
): { law: Law; article: Article } | undefined {
  const law = getLaw(lawId);
  const article = law?.articles.get(number);
  return law && article ? { law, article } : undefined;
}

/** Short name for citations: 中华人民共和国数据安全法 → 《数据安全法》. */
export function shortTitle(law: Law): string {
  return `《${law.title.replace(/^中华人民共和国/, "").replace(/（.*?）|\(.*?\)/g, "")}》`;
}

export function articleUrl(lawId: string, number: number): string {
  return `/laws/${lawId}/${number}`;
}

export type SearchHit = {
  lawId: string;
  lawTitle: string;
  number: number;
  label: string;
  text: string;
};

/** Titles and article text containing every word of the query (whitespace-separated). */
export function searchLaws(
  query: string,
  limit = 50,
): { laws: { id: string; title: string }[]; hits: SearchHit[]; total: number } {
  const words = query.split(/\s+/).filter(Boolean);
  if (words.length === 0) return { laws: [], hits: [], total: 0 };
  const matches = (text: string) => words.every((w) => text.includes(w));
  const lawHits = [...laws().values()]
    .filter((l) => matches(l.title))
    .map((l) => ({ id: l.id, title: l.title }));
  const hits: SearchHit[] = [];
  let total = 0;
  for (const law of laws().values()) {
    for (const article of law.articles.values()) {
      const text = article.paragraphs.join("\n");
      if (!matches(text)) continue;
      total++;
      if (hits.length < limit)
        hits.push({
          lawId: law.id,
          lawTitle: law.title,
          number: article.number,
          label: article.label,
          text,
        });
    }
  }
  return { laws: lawHits, hits, total };
}

/** Everyone but the AUDITOR (who reads the audit log and nothing else). */
export const LAW_READER_ROLES = ["STAFF", "MANAGER", "EXPERT", "ENTERPRISE", "ADMIN"] as const;

export function lawSummaries() {
  return [...laws().values()].map((l) => ({
    id: l.id,
    title: l.title,
    kind: l.kind,
    revision: l.revision,
    effective: l.effective,
    articles: l.articles.size,
    note: l.note,
  }));
}
