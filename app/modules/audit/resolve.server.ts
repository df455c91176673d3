import { db } from "#app/data/db.server.ts";
import { getLaw } from "#app/modules/laws/library.server.ts";
import { ROLE_LABELS } from "#app/utils/roles.ts";
import { detailRefs, REF_KINDS, type Names, type RefKind } from "./fields.ts";

/**
 * Names for the records a page of audit rows mentions: one query per kind for the whole page
 * (or export batch), never one per row. A record that no longer exists simply has no name; the
 * page then shows its kind and number.
 */

type Lookup = (ids: number[]) => Promise<[number, string][]>;

/** 工号 for the staff roles (their login name is the 工号 or mobile), 账号 for the others. */
export function personName(u: { name: string; username: string; role: string }): string {
  const id = u.role === "STAFF" || u.role === "MANAGER" ? "工号" : "账号";
  const role = ROLE_LABELS[u.role as keyof typeof ROLE_LABELS];
  return `${u.name}（${id} ${u.username}${role && u.role !== "STAFF" ? `，${role}` : ""}）`;
}

const LOOKUPS: Record<RefKind, Lookup> = {
  user: async (ids) =>
    (
      await db()
        .selectFrom("User")
        .select(["id", "name", "username", "role"])
        .where("id", "in", ids)
        .execute()
    ).map((u) => [u.id, personName(u)]),
  orgUnit: async (ids) =>
    (await db().selectFrom("OrgUnit").select(["id", "name"]).where("id", "in", ids).execute()).map(
      (u) => [u.id, u.name],
    ),
  course: async (ids) =>
    (await db().selectFrom("Course").select(["id", "title"]).where("id", "in", ids).execute()).map(
      (c) => [c.id, `《${c.title}》`],
    ),
  assignment: async (ids) =>
    (
      await db().selectFrom("Assignment").select(["id", "title"]).where("id", "in", ids).execute()
    ).map((a) => [a.id, `「${a.title}」`]),
  examAttempt: async (ids) =>
    (
      await db()
        .selectFrom("ExamAttempt as a")
        .innerJoin("User as u", "u.id", "a.userId")
        .select(["a.id", "a.year", "u.name", "u.username", "u.role"])
        .where("a.id", "in", ids)
        .execute()
    ).map((a) => [a.id, `${a.year} 年度学法考试（${personName(a)}）`]),
  booking: async (ids) =>
    (await db().selectFrom("Booking").select(["id", "topic"]).where("id", "in", ids).execute()).map(
      (b) => [b.id, `编号 ${b.id}「${b.topic}」`],
    ),
  bookingFile: async (ids) =>
    (
      await db()
        .selectFrom("BookingFile")
        .select(["id", "originalName", "bookingId"])
        .where("id", "in", ids)
        .execute()
    ).map((f) => [f.id, `「${f.originalName}」（预约编号 ${f.bookingId}）`]),
  expert: async (ids) =>
    (
      await db()
        .selectFrom("ExpertProfile as p")
        .innerJoin("User as u", "u.id", "p.userId")
        .select(["p.id", "u.name", "p.organisation"])
        .where("p.id", "in", ids)
        .execute()
    ).map((p) => [p.id, `${p.name}（${p.organisation}）`]),
  enterprise: async (ids) =>
    (
      await db()
        .selectFrom("Enterprise")
        .select(["id", "name", "uscc"])
        .where("id", "in", ids)
        .execute()
    ).map((e) => [e.id, `${e.name}（${e.uscc}）`]),
  citationFlag: async (ids) =>
    (
      await db()
        .selectFrom("CitationFlag")
        .select(["id", "lawId", "article", "courseSlug"])
        .where("id", "in", ids)
        .execute()
    ).map((f) => [f.id, `${lawTitle(f.lawId)}第 ${f.article} 条（课程 ${f.courseSlug}）`]),
};

function lawTitle(lawId: string): string {
  try {
    const law = getLaw(lawId);
    return law ? `《${law.title}》` : lawId;
  } catch {
    return lawId; // the library failed to load: the id still names the law
  }
}

export type RowRefs = {
  actorId: number | null;
  objectType: string | null;
  objectId: string | null;
  detail: string | null;
};

const isRefKind = (k: string | null): k is RefKind =>
  k !== null && (REF_KINDS as readonly string[]).includes(k);

/** Every record the rows mention, by kind; then one lookup per kind that has any. */
export async function resolveNames(rows: readonly RowRefs[]): Promise<Names> {
  const wanted = new Map<RefKind, Set<number>>();
  const want = (kind: RefKind, id: string | number | null) => {
    const n = Number(id);
    if (id === null || !Number.isSafeInteger(n) || n < 1 || String(id).length > 12) return;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(n);
  };
  for (const r of rows) {
    want("user", r.actorId);
    if (isRefKind(r.objectType)) want(r.objectType, r.objectId);
    for (const ref of detailRefs(r.detail)) want(ref.kind, ref.id);
  }
  const names: Names = {};
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      const found = await LOOKUPS[kind]([...ids]);
      names[kind] = Object.fromEntries(found.map(([id, name]) => [String(id), name]));
    }),
  );
  return names;
}
