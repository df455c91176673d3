import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isoFromChinese } from "./dates.ts";
import { articleLabel, chineseToNumber } from "./numerals.ts";

// One law file (content/laws/*.md or content/laws/history/*.md): YAML front
// matter, then headings and article lines. Parsing is pure; the loader in
// library.server.ts reads the files.

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const LawFrontMatterSchema = z.object({
  title: z.string(),
  kind: z.string(),
  revision: z.string(),
  effective: IsoDate,
  article_count: z.number().int().positive(),
  // Developer notes in English: kept in the files, never shown to users
  // (the Chinese notices come from amendments.yaml).
  note: z.string().optional(),
  source: z.unknown().optional(),
  // Only in history/: the version this one was replaced by, and when.
  status: z.literal("superseded").optional(),
  superseded_by: z
    .string()
    .regex(/^[a-z0-9-]+\.md$/)
    .optional(),
  superseded_on: IsoDate.optional(),
});
export type LawFrontMatter = z.infer<typeof LawFrontMatterSchema>;

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

/** One text of a law: the file as parsed, before it is placed among the law's versions. */
export type ParsedLaw = {
  meta: LawFrontMatter;
  /** The date of the revision this text contains (from `revision`), else its effective date. */
  revisionDate: string;
  blocks: Block[];
  articles: Map<number, Article>;
  /** The article lines exactly as in the file (for byte-equality checks). */
  articleLines: string[];
};

export const ARTICLE_LINE = /^第([零〇一二三四五六七八九十百千两]+)条[\s\u3000]+(.*)$/;

export function parseLawFile(name: string, source: string): ParsedLaw {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error(`${name}: no front matter`);
  const meta = LawFrontMatterSchema.parse(parseYaml(match[1]!));
  const lines = source.slice(match[0].length).split("\n");
  const blocks: Block[] = [];
  const articles = new Map<number, Article>();
  const articleLines: string[] = [];
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
      if (articles.has(number)) throw new Error(`${name}: article ${number} appears twice`);
      current = { number, label: articleLabel(number), paragraphs: [article[2]!], chapter };
      articles.set(number, current);
      articleLines.push(raw);
      blocks.push({ type: "article", number });
      continue;
    }
    if (current) current.paragraphs.push(line);
    else blocks.push({ type: "paragraph", text: line });
  }
  if (articles.size !== meta.article_count) {
    throw new Error(
      `${name}: ${articles.size} articles parsed, front matter says ${meta.article_count}`,
    );
  }
  return {
    meta,
    revisionDate: isoFromChinese(meta.revision) ?? meta.effective,
    blocks,
    articles,
    articleLines,
  };
}
