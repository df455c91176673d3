import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import {
  affectedCitations,
  type AffectedCitation,
  type CitationFlagStatus,
  type CitationReviewDecision,
  type CourseCitation,
} from "./amendments.ts";
import { todayInShanghai } from "./dates.ts";
import { getLawEntry, shortTitle } from "./library.server.ts";
import { articleLabel } from "./numerals.ts";
import { defaultVersionIndex } from "./status.ts";
import { compareVersions } from "./views.server.ts";

// Amendment flags (decision 0015, part 7). Each course keeps, per cited law, the
// version its unpinned citations last resolved in (CitationBaseline). When the
// version in force is newer, content sync flags every citation of that course
// whose article changed, moved or was deleted, and moves the baseline on; so a
// restart never flags twice. ADMIN reviews the flags; learners see a notice
// while a flag is open or marked 需修改.

export type VersionRef = { lawId: string; key: string; effective: string };
const PAGE_SIZE = 20;
const PENDING: CitationFlagStatus[] = ["open", "needs-edit"];

function inForce(versions: VersionRef[], today: string): Map<string, VersionRef> {
  const byLaw = new Map<string, VersionRef[]>();
  for (const v of versions) byLaw.set(v.lawId, [...(byLaw.get(v.lawId) ?? []), v]);
  const out = new Map<string, VersionRef>();
  for (const [law, list] of byLaw) {
    list.sort((a, b) => a.effective.localeCompare(b.effective));
    out.set(
      law,
      list[
        defaultVersionIndex(
          list.map((v) => v.effective),
          today,
        )
      ]!,
    );
  }
  return out;
}

function placeOf(c: CourseCitation) {
  return c.where.kind === "lesson"
    ? {
        place: `lesson:${c.where.lesson}:${c.where.paragraph}`,
        lessonSlug: c.where.lesson,
        paragraph: c.where.paragraph,
        questionKey: null,
      }
    : {
        place: `question:${c.where.question}`,
        lessonSlug: null,
        paragraph: null,
        questionKey: c.where.question,
      };
}

/**
 * At content sync: flags the citations affected by every version that came into
 * force since a course last resolved them; idempotent. `courseVersions` (the
 * courses' content hashes) also resolves 需修改 flags whose course was edited.
 */
export async function recordVersions(input: {
  versions: VersionRef[];
  citations: CourseCitation[];
  courseVersions?: Record<string, string>;
  now?: Date;
}): Promise<{ flagged: number }> {
  const now = input.now ?? new Date();
  const current = inForce(input.versions, todayInShanghai(now));
  const baselines = await db().selectFrom("CitationBaseline").selectAll().execute();
  const base = new Map(baselines.map((b) => [`${b.courseSlug}\u0000${b.lawId}`, b]));
  const pairs = new Map<string, { course: string; law: string; citations: CourseCitation[] }>();
  for (const c of input.citations) {
    if (c.v !== null || !current.has(c.law)) continue;
    const k = `${c.course}\u0000${c.law}`;
    const p = pairs.get(k) ?? { course: c.course, law: c.law, citations: [] };
    p.citations.push(c);
    pairs.set(k, p);
  }
  const baselineRows: {
    courseSlug: string;
    lawId: string;
    versionKey: string;
    effective: string;
  }[] = [];
  const flags: { from: string; to: VersionRef; a: AffectedCitation }[] = [];
  for (const [k, p] of pairs) {
    const to = current.get(p.law)!;
    const before = base.get(k);
    if (before && before.effective >= to.effective) continue;
    baselineRows.push({
      courseSlug: p.course,
      lawId: p.law,
      versionKey: to.key,
      effective: to.effective,
    });
    if (!before) continue; // a course seen for the first time resolves in the version in force
    const entry = getLawEntry(p.law);
    const fromV = entry?.versions.find((v) => v.key === before.versionKey);
    const toV = entry?.versions.find((v) => v.key === to.key);
    if (!entry || !fromV || !toV) continue; // the old text is gone: nothing to compare
    for (const a of affectedCitations(p.law, compareVersions(entry, fromV, toV), p.citations))
      flags.push({ from: fromV.key, to, a });
  }
  const versions = input.courseVersions ?? {};
  return write(async (tx) => {
    let flagged = 0;
    for (const { from, to, a } of flags) {
      const c = a.citation;
      const r = await tx
        .insertInto("CitationFlag")
        .values({
          lawId: c.law,
          fromVersion: from,
          toVersion: to.key,
          toEffective: to.effective,
          courseSlug: c.course,
          ...placeOf(c),
          excerpt: c.excerpt,
          article: a.article,
          change: a.change,
          newArticle: a.newNumber,
          oldText: a.oldText,
          newText: a.newText,
          contentVersion: versions[c.course] ?? "",
          status: "open",
          createdAt: now,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      flagged += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    for (const b of baselineRows)
      await tx
        .insertInto("CitationBaseline")
        .values({ ...b, updatedAt: now })
        .onConflict((oc) =>
          oc.columns(["courseSlug", "lawId"]).doUpdateSet({
            versionKey: b.versionKey,
            effective: b.effective,
            updatedAt: now,
          }),
        )
        .execute();
    for (const [course, version] of Object.entries(versions))
      await tx
        .updateTable("CitationFlag")
        .set({ status: "resolved" })
        .where("courseSlug", "=", course)
        .where("status", "=", "needs-edit")
        .where("contentVersion", "!=", version)
        .execute();
    return { flagged };
  });
}

export type FlagView = Awaited<ReturnType<typeof listFlags>>["flags"][number];

/** ADMIN's queue, oldest first, 20 to a page; pending (open and 需修改) by default. */
export async function listFlags(filter: { status?: CitationFlagStatus; page: number }) {
  const statuses = filter.status ? [filter.status] : PENDING;
  const base = db().selectFrom("CitationFlag").where("status", "in", statuses);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin("Course", "Course.slug", "CitationFlag.courseSlug")
    .selectAll("CitationFlag")
    .select("Course.title as courseTitle")
    .orderBy("CitationFlag.courseSlug")
    .orderBy("CitationFlag.place")
    .orderBy("CitationFlag.id")
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { flags: rows, total: Number(total), pageSize: PAGE_SIZE };
}

export type ReviewResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

/** "已核对，无需修改" (confirmed) / "需修改" (needs-edit); audited in the same transaction. */
export async function reviewFlag(input: {
  flagId: number;
  decision: CitationReviewDecision;
  note?: string;
  admin: { id: number; username: string };
  ip?: string | null;
  now?: Date;
}): Promise<ReviewResult> {
  return write(async (tx) => {
    const flag = await tx
      .selectFrom("CitationFlag")
      .select(["id", "status"])
      .where("id", "=", input.flagId)
      .executeTakeFirst();
    if (!flag) return { ok: false, status: 404, message: "该核对项不存在" } as const;
    const allowed = input.decision === "confirmed" ? PENDING : ["open"];
    if (!allowed.includes(flag.status))
      return { ok: false, status: 409, message: "该核对项已处理，请刷新页面" } as const;
    await tx
      .updateTable("CitationFlag")
      .set({
        status: input.decision,
        reviewedById: input.admin.id,
        reviewedAt: input.now ?? new Date(),
        note: input.note || null,
      })
      .where("id", "=", flag.id)
      .execute();
    await audit(tx, {
      actor: input.admin,
      action: "CITATION_REVIEW",
      objectType: "citationFlag",
      objectId: flag.id,
      result: "SUCCESS",
      ip: input.ip ?? null,
      detail: { decision: input.decision },
    });
    return { ok: true } as const;
  });
}

/** The learner notices of one lesson: "本课引用的《…》第X条已于 YYYY-MM-DD 修改，内容正在核对". */
// On every lesson page: compiled once (decision 0011).
const LESSON_FLAGS = compiled((q, course: string, lesson: string, ...statuses: string[]) =>
  q
    .selectFrom("CitationFlag")
    .select(["lawId", "article", "toEffective"])
    .distinct()
    .where("courseSlug", "=", course)
    .where("lessonSlug", "=", lesson)
    .where("status", "in", statuses)
    .orderBy("lawId")
    .orderBy("article"),
);

export async function lessonNotices(input: { course: string; lesson: string }): Promise<string[]> {
  const rows = await LESSON_FLAGS.rows(db(), input.course, input.lesson, ...PENDING);
  return rows.map((r) => {
    const entry = getLawEntry(r.lawId);
    const law = entry ? shortTitle(entry.versions.at(-1)!) : "";
    return `本课引用的${law}${articleLabel(r.article)}已于 ${r.toEffective} 修改，内容正在核对`;
  });
}

/** Every version in the loaded library, for recordVersions. */
export function libraryVersions(
  entries: Iterable<{ id: string; versions: { key: string; effective: string }[] }>,
): VersionRef[] {
  return [...entries].flatMap((e) =>
    e.versions.map((v) => ({ lawId: e.id, key: v.key, effective: v.effective })),
  );
}
