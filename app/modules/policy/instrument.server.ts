import { chineseDate } from "#app/modules/laws/dates.ts";
import {
  articleUrl,
  currentVersion,
  getLawEntry,
  shortTitle,
} from "#app/modules/laws/library.server.ts";
import { articleLabel } from "#app/modules/laws/numerals.ts";

// The instrument an interpretation explains: a law of the statute library cited by article
// (rendered from the library, never retyped) or an outside document named by title, 文号 and
// date (never quoted: its text is not in the library).

const MAX_ARTICLES = 20;

/** "21,22、23-25" → [21, 22, 23, 24, 25]; null when malformed or too many. */
export function parseArticleList(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text.split(/[,，、\s]+/).filter(Boolean)) {
    const m = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from < 1 || to < from || to - from >= MAX_ARTICLES) return null;
    for (let n = from; n <= to; n++) out.add(n);
  }
  return out.size <= MAX_ARTICLES ? [...out].sort((a, b) => a - b) : null;
}

/** The field error of a cited law and its articles, or null when every article exists. */
export function instrumentProblem(
  lawId: string,
  articles: string,
): { field: "lawId" | "articles"; message: string } | null {
  const entry = getLawEntry(lawId);
  if (!entry) return { field: "lawId", message: "法律法规库中没有这部法律法规" };
  const list = parseArticleList(articles);
  if (!list)
    return {
      field: "articles",
      message: `条文请写条号，如 21 或 21,22 或 21-23，最多 ${MAX_ARTICLES} 条`,
    };
  const law = currentVersion(entry);
  const missing = list.filter((n) => !law.articles.has(n));
  if (missing.length > 0)
    return {
      field: "articles",
      message: `${shortTitle(law)}没有${missing.map(articleLabel).join("、")}`,
    };
  return null;
}

export type InstrumentView =
  | {
      kind: "law";
      lawId: string;
      title: string;
      lawUrl: string;
      articles: { number: number; label: string; url: string; paragraphs: string[] }[];
    }
  | { kind: "doc"; title: string; number: string; date: string };

export function instrumentView(row: {
  lawId: string | null;
  articles: string;
  docTitle: string | null;
  docNumber: string | null;
  docDate: string | null;
}): InstrumentView | null {
  if (row.lawId) {
    const entry = getLawEntry(row.lawId);
    if (!entry) return null;
    const law = currentVersion(entry);
    return {
      kind: "law",
      lawId: row.lawId,
      title: shortTitle(law),
      lawUrl: `/laws/${row.lawId}`,
      articles: (parseArticleList(row.articles) ?? []).flatMap((n) => {
        const a = law.articles.get(n);
        return a
          ? [
              {
                number: n,
                label: articleLabel(n),
                url: articleUrl(row.lawId!, n),
                paragraphs: a.paragraphs,
              },
            ]
          : [];
      }),
    };
  }
  if (row.docTitle)
    return {
      kind: "doc",
      title: row.docTitle,
      number: row.docNumber ?? "",
      date: row.docDate ? chineseDate(row.docDate) : "",
    };
  return null;
}

/** One line: 《数据安全法》第二十一条、第二十二条 / 《…》（国办发〔2024〕1号，2024年1月5日）. */
export function instrumentLabel(view: InstrumentView | null): string {
  if (!view) return "—";
  if (view.kind === "law") return `${view.title}${view.articles.map((a) => a.label).join("、")}`;
  return `${view.title}（${[view.number, view.date].filter(Boolean).join("，")}）`;
}
