import { FLAG_STATUS, type CitationFlagStatus } from "./amendments.ts";
import { listFlags } from "./citation-flags.server.ts";
import { rowOf } from "./compare.ts";
import { getLawEntry, shortTitle } from "./library.server.ts";
import { articleLabel } from "./numerals.ts";
import { compareVersions } from "./views.server.ts";

const CHANGE: Record<string, string> = {
  changed: "条文修改",
  moved: "条号变化",
  "moved-and-changed": "条号变化并修改",
  deleted: "条文删除",
};

/** The review queue page: each flag with its citation in context and its 新旧对照 row. */
export async function citationQueue(filter: { status?: CitationFlagStatus; page: number }) {
  const { flags, total, pageSize } = await listFlags(filter);
  return {
    total,
    pageSize,
    flags: flags.map((f) => {
      const entry = getLawEntry(f.lawId);
      const from = entry?.versions.find((v) => v.key === f.fromVersion);
      const to = entry?.versions.find((v) => v.key === f.toVersion);
      const row =
        entry && from && to ? rowOf(compareVersions(entry, from, to), "old", f.article) : undefined;
      return {
        id: f.id,
        status: f.status as CitationFlagStatus,
        statusLabel: FLAG_STATUS[f.status as CitationFlagStatus] ?? f.status,
        course: f.courseTitle ?? f.courseSlug,
        where: f.lessonSlug ? `课时 ${f.lessonSlug} 第 ${f.paragraph} 段` : `题目 ${f.questionKey}`,
        excerpt: f.excerpt,
        law: entry ? shortTitle(entry.versions.at(-1)!) : f.lawId,
        lawId: f.lawId,
        from: f.fromVersion,
        to: f.toVersion,
        toEffective: f.toEffective,
        change: CHANGE[f.change] ?? f.change,
        oldLabel: articleLabel(f.article),
        newLabel: f.newArticle === null ? null : articleLabel(f.newArticle),
        oldText: f.oldText,
        newText: f.newText,
        compareUrl: `/laws/${f.lawId}/compare?from=${f.fromVersion}&to=${f.toVersion}&old=${f.article}`,
        row: row ?? null,
        note: f.note,
      };
    }),
  };
}
