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

/**
 * The module API the review queue will have once its tables exist (decision
 * 0015, part 7). Declared now so routes and the sync can be written against it;
 * implemented with the new data-access layer.
 */
export type CitationFlagStatus = "open" | "confirmed" | "needs-edit" | "resolved";
export type CitationReviewDecision = "confirmed" | "needs-edit";
export interface CitationReviewApi {
  /** At content sync: flags the citations affected by every newly in-force version; idempotent. */
  recordVersions(input: {
    versions: { lawId: string; key: string; effective: string }[];
    citations: CourseCitation[];
    now: Date;
  }): Promise<{ flagged: number }>;
  /** ADMIN's queue, oldest first. */
  listFlags(filter: { status?: CitationFlagStatus; course?: string; page: number }): Promise<{
    flags: (AffectedCitation & { id: number; status: CitationFlagStatus })[];
    total: number;
  }>;
  /** "已核对，无需修改" / "需修改"; writes the audit log in the same transaction. */
  reviewFlag(input: {
    flagId: number;
    decision: CitationReviewDecision;
    note?: string;
    adminId: number;
  }): Promise<void>;
  /** The learner notices of one lesson: "本课引用的第X条已于 YYYY-MM-DD 修改，内容正在核对". */
  lessonNotices(input: { course: string; lesson: string }): Promise<string[]>;
}
