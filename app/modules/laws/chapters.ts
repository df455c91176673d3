import type { Block } from "./parse.ts";

// Long laws are read a chapter at a time (the Civil Code in one page would be
// ~108,000 px). A page starts at each 章 heading (or any heading at or above
// that level); headings with no article before the next page start (a 编 of
// the Civil Code) stay with the chapter that follows them.

/** Laws with more articles than this are shown one chapter per page. */
export const PAGED_ABOVE = 200;

export type ChapterPage = { index: number; title: string; blocks: Block[]; articles: number[] };

export function chapterPages(blocks: Block[]): ChapterPage[] {
  const chapterLevel =
    blocks.find(
      (b): b is Extract<Block, { type: "heading" }> =>
        b.type === "heading" && /^第.+章/.test(b.text),
    )?.level ?? 2;
  const pages: ChapterPage[] = [];
  let current: ChapterPage = { index: 1, title: "", blocks: [], articles: [] };
  for (const b of blocks) {
    if (b.type === "heading" && b.level <= chapterLevel && current.articles.length > 0) {
      pages.push(current);
      current = { index: pages.length + 1, title: "", blocks: [], articles: [] };
    }
    if (b.type === "heading" && b.level <= chapterLevel) current.title = b.text;
    if (b.type === "article") current.articles.push(b.number);
    current.blocks.push(b);
  }
  if (current.blocks.length > 0) pages.push(current);
  return pages;
}

/** The page that holds an article (1 when the article is not found). */
export function pageOfArticle(pages: ChapterPage[], number: number): number {
  return pages.find((p) => p.articles.includes(number))?.index ?? 1;
}
