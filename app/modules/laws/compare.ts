import { diffArrays } from "diff";
import type { Article } from "./parse.ts";

// 新旧对照: matches the articles of two versions of a law by content, not by
// number, then diffs the matched pairs word by word. Pure; callers cache.

export type ArticleText = { number: number; label: string; text: string };
export type DiffPart = { value: string; added: boolean; removed: boolean };
export type PairRow = {
  kind: "unchanged" | "changed";
  old: ArticleText;
  new: ArticleText;
  /** The article kept its content but not its number (renumbered, 条号变化). */
  moved: boolean;
  similarity: number;
  diff: DiffPart[];
};
export type ComparisonRow =
  PairRow | { kind: "added"; new: ArticleText } | { kind: "deleted"; old: ArticleText };
export type Comparison = {
  rows: ComparisonRow[];
  counts: { added: number; deleted: number; changed: number; moved: number; unchanged: number };
};

/** Pairs below this bigram similarity are treated as one deletion and one addition. */
export const MATCH_THRESHOLD = 0.4;

export function articleText(a: Article): ArticleText {
  return { number: a.number, label: a.label, text: a.paragraphs.join("\n") };
}

const normalise = (s: string) => s.replace(/\s+/g, "");

function bigrams(s: string): Map<string, number> {
  const t = normalise(s);
  const out = new Map<string, number>();
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function sizeOf(m: Map<string, number>): number {
  let n = 0;
  for (const c of m.values()) n += c;
  return n;
}

/** Dice coefficient over character bigrams (multiset), 0..1. */
export function similarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}
function dice(a: Map<string, number>, b: Map<string, number>): number {
  const total = sizeOf(a) + sizeOf(b);
  if (total === 0) return 1;
  let common = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [g, c] of small) common += Math.min(c, large.get(g) ?? 0);
  return (2 * common) / total;
}

const SEGMENTER = new Intl.Segmenter("zh-CN", { granularity: "word" });

/** Word tokens of Chinese text (ICU's dictionary segmentation); punctuation is its own token. */
export function words(text: string): string[] {
  return [...SEGMENTER.segment(text)].map((s) => s.segment);
}

/** Word-level differences, adjacent parts of one kind merged. */
export function wordDiff(oldText: string, newText: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const c of diffArrays(words(oldText), words(newText))) {
    const value = c.value.join("");
    const added = Boolean(c.added);
    const removed = Boolean(c.removed);
    const last = parts.at(-1);
    if (last && last.added === added && last.removed === removed) last.value += value;
    else parts.push({ value, added, removed });
  }
  return parts;
}

export function compareArticles(oldList: ArticleText[], newList: ArticleText[]): Comparison {
  const matchOf = new Map<number, number>(); // new number → old number
  const usedOld = new Set<number>();
  // 1. Identical text (whitespace aside): prefer the same number, then the nearest.
  const byText = new Map<string, ArticleText[]>();
  for (const o of oldList) {
    const key = normalise(o.text);
    byText.set(key, [...(byText.get(key) ?? []), o]);
  }
  for (const n of newList) {
    const candidates = (byText.get(normalise(n.text)) ?? []).filter((o) => !usedOld.has(o.number));
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => Math.abs(a.number - n.number) - Math.abs(b.number - n.number));
    matchOf.set(n.number, candidates[0]!.number);
    usedOld.add(candidates[0]!.number);
  }
  // 2. Similar text: greedy on the best score; the relative position breaks near-ties
  //    (statutes repeat stock phrases, so similarity alone can pick a far article).
  const restOld = oldList.filter((o) => !usedOld.has(o.number));
  const restNew = newList.filter((n) => !matchOf.has(n.number));
  const oldGrams = new Map(restOld.map((o) => [o.number, bigrams(o.text)]));
  const candidates: { o: number; n: number; sim: number; score: number }[] = [];
  const oldIndex = new Map(oldList.map((o, i) => [o.number, i / Math.max(1, oldList.length)]));
  const newIndex = new Map(newList.map((n, i) => [n.number, i / Math.max(1, newList.length)]));
  for (const n of restNew) {
    const ng = bigrams(n.text);
    for (const o of restOld) {
      const sim = dice(oldGrams.get(o.number)!, ng);
      if (sim < MATCH_THRESHOLD) continue;
      const distance = Math.abs(oldIndex.get(o.number)! - newIndex.get(n.number)!);
      candidates.push({ o: o.number, n: n.number, sim, score: sim - 0.15 * distance });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const sims = new Map<number, number>();
  for (const c of candidates) {
    if (usedOld.has(c.o) || matchOf.has(c.n)) continue;
    matchOf.set(c.n, c.o);
    usedOld.add(c.o);
    sims.set(c.n, c.sim);
  }
  // 3. Rows in the new version's order, each deleted article where it stood.
  const oldByNumber = new Map(oldList.map((o) => [o.number, o]));
  const deleted = oldList.filter((o) => !usedOld.has(o.number));
  const rows: ComparisonRow[] = [];
  const counts = { added: 0, deleted: 0, changed: 0, moved: 0, unchanged: 0 };
  let d = 0;
  for (const n of newList) {
    const oldNumber = matchOf.get(n.number);
    if (oldNumber === undefined) {
      rows.push({ kind: "added", new: n });
      counts.added++;
      continue;
    }
    while (d < deleted.length && deleted[d]!.number < oldNumber) {
      rows.push({ kind: "deleted", old: deleted[d++]! });
      counts.deleted++;
    }
    const o = oldByNumber.get(oldNumber)!;
    const same = normalise(o.text) === normalise(n.text);
    const moved = o.number !== n.number;
    rows.push({
      kind: same ? "unchanged" : "changed",
      old: o,
      new: n,
      moved,
      similarity: same ? 1 : (sims.get(n.number) ?? similarity(o.text, n.text)),
      diff: same ? [{ value: n.text, added: false, removed: false }] : wordDiff(o.text, n.text),
    });
    if (same) counts.unchanged++;
    else counts.changed++;
    if (moved) counts.moved++;
  }
  while (d < deleted.length) {
    rows.push({ kind: "deleted", old: deleted[d++]! });
    counts.deleted++;
  }
  return { rows, counts };
}

/** The row of one article, named by its number in the old or in the new version. */
export function rowOf(
  c: Comparison,
  side: "old" | "new",
  number: number,
): ComparisonRow | undefined {
  return c.rows.find((r) =>
    side === "old"
      ? r.kind !== "added" && r.old.number === number
      : r.kind !== "deleted" && r.new.number === number,
  );
}
