import type { Comparison, ComparisonRow } from "./compare.ts";

// When a new version of a cited law is loaded, which lesson paragraphs and quiz
// questions cite an article that changed, moved or disappeared? Pure: the
// review queue (decision 0015) stores what this returns.

export type CitationPlace =
  { kind: "lesson"; lesson: string; paragraph: number } | { kind: "question"; question: string };

export type CourseCitation = {
  course: string;
  file: string;
  line: number;
  where: CitationPlace;
  excerpt: string;
  law: string;
  from: number;
  to: number;
  /** The pinned version (its revision year); null follows the version in force. */
  v: string | null;
};

export type ArticleChange = "changed" | "moved" | "moved-and-changed" | "deleted";

export type AffectedCitation = {
  citation: CourseCitation;
  /** The cited article, numbered as in the old version. */
  article: number;
  change: ArticleChange;
  /** Where its content is in the new version (null when deleted). */
  newNumber: number | null;
  oldText: string;
  newText: string | null;
};

/**
 * The unpinned citations of `lawId` (they followed the old version and now
 * follow the new one) whose article changed, moved or was deleted. Citations
 * pinned to a version keep quoting that version and are not flagged.
 */
export function affectedCitations(
  lawId: string,
  comparison: Comparison,
  citations: CourseCitation[],
): AffectedCitation[] {
  const byOld = new Map<number, Exclude<ComparisonRow, { kind: "added" }>>();
  for (const r of comparison.rows) if (r.kind !== "added") byOld.set(r.old.number, r);
  const out: AffectedCitation[] = [];
  for (const c of citations) {
    if (c.law !== lawId || c.v !== null) continue;
    for (let n = c.from; n <= c.to; n++) {
      const row = byOld.get(n);
      if (!row) continue; // not in the old version: reported by the citation check
      if (row.kind === "deleted") {
        out.push({
          citation: c,
          article: n,
          change: "deleted",
          newNumber: null,
          oldText: row.old.text,
          newText: null,
        });
        continue;
      }
      if (row.kind === "unchanged" && !row.moved) continue;
      const change: ArticleChange = row.moved
        ? row.kind === "changed"
          ? "moved-and-changed"
          : "moved"
        : "changed";
      out.push({
        citation: c,
        article: n,
        change,
        newNumber: row.new.number,
        oldText: row.old.text,
        newText: row.new.text,
      });
    }
  }
  return out;
}

/** Review states of a stored flag (citation-flags.server.ts, decision 0015 part 7). */
export const CITATION_FLAG_STATUSES = ["open", "confirmed", "needs-edit", "resolved"] as const;
export type CitationFlagStatus = (typeof CITATION_FLAG_STATUSES)[number];
export type CitationReviewDecision = "confirmed" | "needs-edit";

/** Chinese names of the review states (the queue's filter and badges). */
export const FLAG_STATUS: Record<CitationFlagStatus, string> = {
  open: "待核对",
  confirmed: "已核对，无需修改",
  "needs-edit": "需修改",
  resolved: "课程已修改",
};
