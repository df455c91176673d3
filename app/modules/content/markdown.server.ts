import type { Element, ElementContent } from "hast";
import type { Root } from "mdast";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkDirective from "remark-directive";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { articleUrl, currentVersion, findVersion, getLawEntry, shortTitle, type Law } from "#app/modules/laws/library.server.ts";

// Markdown for lessons, quiz scenarios and explanations: remark + remark-directive
// for citations, sanitised by rehype-sanitize (no raw HTML, no javascript:/data:
// links). Citations are rendered from the statute library, never from content.

/** `v`: the version the citation is pinned to (its revision year); null follows the version in force. */
export type Citation = { law: string; from: number; to: number; line: number; block: boolean; v: string | null };
export type CiteProblem = { line: number; message: string };

const MAX_RANGE = 10;

/** Parses `article="5"` or `"33-35"`. */
function parseArticles(value: string | undefined): { from: number; to: number } | null {
  const m = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(value ?? "");
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return to >= from ? { from, to } : null;
}

type DirectiveNode = { type: string; name: string; attributes?: Record<string, string | null | undefined> | null; position?: { start: { line: number } }; data?: Record<string, unknown>; children?: unknown[] };

function checkCitation(node: DirectiveNode): { citation?: Omit<Citation, "line" | "block">; problem?: string; law?: Law } {
  if (node.name !== "cite") return { problem: `未知的指令 :${node.name}（只支持 cite）` };
  const lawId = node.attributes?.law ?? "";
  const entry = getLawEntry(lawId);
  if (!entry) return { problem: `未知的法律 id "${lawId}"` };
  // A pinned citation (v="2017") quotes that version forever (decision 0015).
  const v = node.attributes?.v ?? null;
  if (v !== null && !/^\d{4}$/.test(v)) return { problem: `版本 "${v}" 无效，应写修订年份，例如 v="2017"` };
  const law = findVersion(entry, v);
  if (!law) return { problem: `${shortTitle(currentVersion(entry))}没有 ${v} 年的版本（有：${entry.versions.map((x) => x.key).join("、")}）` };
  const range = parseArticles(node.attributes?.article ?? undefined);
  if (!range) return { problem: `条文编号 "${node.attributes?.article ?? ""}" 无效，应为数字或 a-b 范围` };
  if (range.to - range.from + 1 > MAX_RANGE) return { problem: `一次最多引用 ${MAX_RANGE} 条` };
  for (let n = range.from; n <= range.to; n++) {
    if (!law.articles.has(n)) return { problem: `${shortTitle(law)}没有第 ${n} 条（共 ${law.articles.size} 条）` };
  }
  return { citation: { law: lawId, ...range, v }, law };
}

const text = (value: string): ElementContent => ({ type: "text", value });
const el = (tagName: string, properties: Element["properties"], children: ElementContent[]): Element => ({ type: "element", tagName, properties, children });

/** 《行政复议法》, or 《行政复议法》（2017年版） for a pinned citation. */
const citedTitle = (law: Law, pinned: boolean) => `${shortTitle(law)}${pinned ? `（${law.key}年版）` : ""}`;

function citationBlock(law: Law, from: number, to: number, pinned: boolean): Element {
  const articles = [];
  for (let n = from; n <= to; n++) articles.push(law.articles.get(n)!);
  const label = from === to ? articles[0]!.label : `${articles[0]!.label}至${articles.at(-1)!.label}`;
  return el("figure", { className: ["citation"] }, [
    el(
      "blockquote",
      {},
      articles.flatMap((a) => a.paragraphs.map((p, i) => el("p", {}, i === 0 ? [el("strong", {}, [text(a.label)]), text(` ${p}`)] : [text(p)]))),
    ),
    el("figcaption", {}, [el("a", { href: articleUrl(law.id, from, pinned ? law.key : undefined) }, [text(`${citedTitle(law, pinned)}${label}`)])]),
  ]);
}

function citePlugin(options: { citations: Citation[]; problems: CiteProblem[]; lineOffset: number }) {
  return (tree: Root) => {
    visit(tree, (node) => {
      const d = node as unknown as DirectiveNode;
      if (d.type !== "leafDirective" && d.type !== "textDirective" && d.type !== "containerDirective") return;
      const line = (d.position?.start.line ?? 1) + options.lineOffset;
      const { citation, problem, law } = checkCitation(d);
      if (problem || !citation || !law) {
        options.problems.push({ line, message: problem ?? "引用无效" });
        d.data = { hName: "span", hChildren: [] };
        return;
      }
      const block = d.type !== "textDirective";
      options.citations.push({ ...citation, line, block });
      if (block) {
        const hast = citationBlock(law, citation.from, citation.to, citation.v !== null);
        d.data = { hName: hast.tagName, hProperties: hast.properties, hChildren: hast.children };
      } else {
        const label = citation.from === citation.to ? law.articles.get(citation.from)!.label : `${law.articles.get(citation.from)!.label}至${law.articles.get(citation.to)!.label}`;
        d.data = { hName: "a", hProperties: { href: articleUrl(law.id, citation.from, citation.v ?? undefined), className: ["cite-link"] }, hChildren: [text(`${citedTitle(law, citation.v !== null)}${label}`)] };
      }
    });
  };
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: "",
  attributes: {
    ...defaultSchema.attributes,
    figure: [["className", "citation"] as [string, string]],
    // The default allows one className value on links; ours replaces that entry (the first match wins).
    a: [...(defaultSchema.attributes?.a ?? []).filter((d) => !(Array.isArray(d) && d[0] === "className")), ["className", "cite-link", "data-footnote-backref"] as [string, ...string[]]],
  },
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
};

export type Rendered = { html: string; citations: Citation[]; problems: CiteProblem[]; plainLength: number };

/**
 * Renders Markdown to safe HTML. `lineOffset` maps lines back to the source
 * file (front matter, YAML scalars) for error messages.
 */
export function renderMarkdown(source: string, lineOffset = 0): Rendered {
  const citations: Citation[] = [];
  const problems: CiteProblem[] = [];
  const processor = unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(citePlugin, { citations, problems, lineOffset })
    .use(remarkRehype)
    .use(rehypeSanitize, schema)
    .use(rehypeStringify);
  const html = String(processor.processSync(source));
  tableProblems(source, lineOffset, problems);
  // Own text only (directives and markup stripped), for the reading time.
  const plainLength = source
    .replace(/^::?\w+\{[^}]*\}/gm, "")
    .replace(/:\w+\{[^}]*\}/g, "")
    .replace(/[#>*_`\-\s[\]()]/g, "").length;
  return { html, citations, problems, plainLength };
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The renderer has no GFM tables: a table would reach learners as lines of pipes. */
function tableProblems(source: string, lineOffset: number, problems: CiteProblem[]) {
  const lines = source.split("\n");
  for (let i = 0; i + 1 < lines.length; i++)
    if (TABLE_ROW.test(lines[i]!) && TABLE_DELIMITER.test(lines[i + 1]!))
      problems.push({
        line: lineOffset + i + 1,
        message: "课文不支持表格（页面上会显示成竖线和横线），请改用列表",
      });
}

/** Characters of the cited statute text, for the reading time. */
export function citedLength(citations: Citation[]): number {
  let total = 0;
  for (const c of citations) {
    if (!c.block) continue;
    const law = findVersion(getLawEntry(c.law)!, c.v)!;
    for (let n = c.from; n <= c.to; n++) total += law.articles.get(n)!.paragraphs.join("").length;
  }
  return total;
}
