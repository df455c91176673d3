import { chapterPages, PAGED_ABOVE, pageOfArticle } from "./chapters.ts";
import { articleText, compareArticles, rowOf, type Comparison } from "./compare.ts";
import { chineseDate, todayInShanghai } from "./dates.ts";
import {
  currentVersion,
  findVersion,
  getLawEntry,
  noticesOf,
  validityOf,
  type LawEntry,
  type LawVersion,
} from "./library.server.ts";
import { chineseToNumber } from "./numerals.ts";

// What the library pages show, as plain serialisable data (routes stay thin).

export type VersionInfo = {
  key: string;
  revision: string;
  effective: string;
  period: string;
  validity: string;
  isDefault: boolean;
};

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function versionInfo(
  entry: LawEntry,
  v: LawVersion,
  today = todayInShanghai(),
): VersionInfo {
  const from = chineseDate(v.effective);
  // A text with no loaded successor stops being the law when a recorded amendment takes effect.
  const end =
    v.until ??
    entry.amendments.find((a) => a.adopted > v.revisionDate && a.effective <= today)?.effective ??
    null;
  return {
    key: v.key,
    revision: v.revision,
    effective: from,
    period: end ? `${from}至${chineseDate(dayBefore(end))}` : `${from}起`,
    validity: validityOf(entry, v, today),
    isDefault: currentVersion(entry, today) === v,
  };
}

function header(entry: LawEntry, v: LawVersion) {
  return {
    id: entry.id,
    title: v.title,
    kind: v.kind,
    field: entry.field,
    version: versionInfo(entry, v),
    versions: [...entry.versions].reverse().map((x) => versionInfo(entry, x)),
    notices: noticesOf(entry, v),
  };
}

export type LawHeader = ReturnType<typeof header>;

/** Reads "33", "第三十三条", "三十三" (the 跳到第 __ 条 box). */
export function parseArticleNumber(text: string): number | null {
  const t = text.replace(/^第|条$/g, "").trim();
  const n = /^\d+$/.test(t) ? Number(t) : chineseToNumber(t);
  return Number.isInteger(n) && n > 0 && n < 10000 ? n : null;
}

export function lawView(id: string, q: { v?: string; chapter?: number }) {
  const entry = getLawEntry(id);
  const v = entry && findVersion(entry, q.v);
  if (!entry || !v) return null;
  const paged = v.articles.size > PAGED_ABOVE;
  const pages = chapterPages(v.blocks);
  const page = paged ? pages.find((p) => p.index === (q.chapter ?? 1)) : undefined;
  if (paged && !page) return null;
  const blocks = (page ? page.blocks : v.blocks).map((b) =>
    b.type === "article" ? { type: "article" as const, ...v.articles.get(b.number)! } : b,
  );
  const toc = paged
    ? pages.flatMap((p) =>
        p.blocks
          .filter((b) => b.type === "heading")
          .map((h) => ({ ...h, page: p.index, first: p.articles[0] ?? null })),
      )
    : v.blocks.filter((b) => b.type === "heading").map((h) => ({ ...h, page: null, first: null }));
  return {
    law: header(entry, v),
    articleCount: v.articles.size,
    paged,
    page: page ? { index: page.index, title: page.title, count: pages.length } : null,
    toc,
    blocks,
  };
}

/** The URL of an article inside the law page (its chapter page when the law is paged). */
export function articleInLawUrl(id: string, v: LawVersion, number: number, explicitV: boolean) {
  const params = new URLSearchParams();
  if (explicitV) params.set("v", v.key);
  if (v.articles.size > PAGED_ABOVE)
    params.set("chapter", String(pageOfArticle(chapterPages(v.blocks), number)));
  const qs = params.toString();
  return `/laws/${id}${qs ? `?${qs}` : ""}#a${number}`;
}

export function articleView(id: string, number: number, vParam?: string) {
  const entry = getLawEntry(id);
  const v = entry && findVersion(entry, vParam);
  const article = v?.articles.get(number);
  if (!entry || !v || !article) return null;
  const vq = vParam ? `?v=${v.key}` : "";
  const others = entry.versions.filter((x) => x !== v);
  return {
    law: header(entry, v),
    article,
    fullTextUrl: articleInLawUrl(id, v, number, Boolean(vParam)),
    // Versions that have an article with this number (others link to their full text).
    versionsWithArticle: entry.versions.filter((x) => x.articles.has(number)).map((x) => x.key),
    prev: v.articles.has(number - 1) ? `/laws/${id}/${number - 1}${vq}` : null,
    next: v.articles.has(number + 1) ? `/laws/${id}/${number + 1}${vq}` : null,
    // 新旧对照 of this article against each other version.
    compare: others.map((o) => {
      const [from, to] = o.effective < v.effective ? [o, v] : [v, o];
      const side = from === v ? "old" : "new";
      return {
        key: o.key,
        url: `/laws/${id}/compare?from=${from.key}&to=${to.key}&${side}=${number}`,
      };
    }),
  };
}

const comparisons = new Map<string, Comparison>();

/** 新旧对照 of two versions, computed once per process and pair. */
export function compareVersions(entry: LawEntry, from: LawVersion, to: LawVersion): Comparison {
  const key = `${entry.id}:${from.key}:${to.key}`;
  let c = comparisons.get(key);
  if (!c) {
    c = compareArticles(
      [...from.articles.values()].map(articleText),
      [...to.articles.values()].map(articleText),
    );
    comparisons.set(key, c);
  }
  return c;
}

export function compareView(
  id: string,
  q: { from: string; to: string; old?: number; new?: number; all?: "1" },
) {
  const entry = getLawEntry(id);
  const from = entry && findVersion(entry, q.from);
  const to = entry && findVersion(entry, q.to);
  if (!entry || !from || !to) return null;
  if (from.effective >= to.effective) return { error: "旧版本应早于新版本" as const };
  const c = compareVersions(entry, from, to);
  const single =
    q.old !== undefined
      ? rowOf(c, "old", q.old)
      : q.new !== undefined
        ? rowOf(c, "new", q.new)
        : undefined;
  if ((q.old !== undefined || q.new !== undefined) && !single)
    return { error: "该版本没有这一条" as const };
  return {
    law: header(entry, to),
    from: versionInfo(entry, from),
    to: versionInfo(entry, to),
    counts: c.counts,
    single: single ?? null,
    rows: single ? [] : q.all ? c.rows : c.rows.filter((r) => r.kind !== "unchanged"),
    showAll: Boolean(q.all),
  };
}
