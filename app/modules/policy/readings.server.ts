import type { ExpressionBuilder } from "kysely";
import { db, write, type DB } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";
import { isInSubtree, pathIds, subtreeUpperBound } from "#app/utils/org-path.ts";

// Assigned reading (decision 0023): a manager assigns a published interpretation to a unit
// (with or without its sub-units); the staff covered confirm "我已阅读" once per doc. Kept in
// its own two tables: the course assignment tables are not touched.

type Manager = { id: number; username: string; role: string; orgUnitPath: string | null };
export type ReadingResult =
  | { ok: true; id: number }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string; field?: string };
const fail = (status: 400 | 403 | 404 | 409, message: string, field?: string) =>
  ({ ok: false, status, message, field }) as const;

function inScope(user: Manager, path: string): boolean {
  return (
    user.role === "ADMIN" || (user.orgUnitPath !== null && isInSubtree(path, user.orgUnitPath))
  );
}

/** The people a reading covers: active STAFF and MANAGER in the unit (or its subtree). */
function covered(reading: { unitId: number; withSubunits: boolean }, unitPath: string) {
  return db()
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .where("u.role", "in", ["STAFF", "MANAGER"])
    .where("u.disabled", "=", false)
    .where((eb: ExpressionBuilder<DB & { o: DB["OrgUnit"] }, "o">) =>
      reading.withSubunits
        ? eb.and([eb("o.path", ">=", unitPath), eb("o.path", "<", subtreeUpperBound(unitPath))])
        : eb("o.id", "=", reading.unitId),
    );
}

export async function createReading(
  user: Manager,
  input: { docId: number; unitId: number; withSubunits?: "on"; dueDate: string },
  ip: string | null,
): Promise<ReadingResult> {
  const unit = await db()
    .selectFrom("OrgUnit")
    .select(["id", "path", "name"])
    .where("id", "=", input.unitId)
    .executeTakeFirst();
  if (!unit) return fail(404, "单位不存在", "unitId");
  if (!inScope(user, unit.path)) return fail(403, "只能给本单位及下级单位布置阅读");
  const doc = await db()
    .selectFrom("PolicyDoc as d")
    .innerJoin("PolicyVersion as v", (j) =>
      j.onRef("v.docId", "=", "d.id").onRef("v.version", "=", "d.publishedVersion"),
    )
    .select(["d.id", "v.title"])
    .where("d.id", "=", input.docId)
    .where("d.stage", "!=", "REPEALED")
    .where((eb) => eb.or([eb("v.forStaff", "=", true), eb("v.isPublic", "=", true)]))
    .executeTakeFirst();
  if (!doc) return fail(400, "只能布置已发布、面向工作人员的政策解读", "docId");
  const withSubunits = input.withSubunits === "on";
  const people = await covered({ unitId: unit.id, withSubunits }, unit.path)
    .select("u.id")
    .execute();
  return write(async (tx) => {
    const now = new Date();
    const r = await tx
      .insertInto("PolicyReading")
      .values({
        docId: doc.id,
        unitId: unit.id,
        withSubunits,
        dueDate: input.dueDate || null,
        createdById: user.id,
        createdAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await notify(
      tx,
      people.map((p) => ({
        userId: p.id,
        kind: "policy-reading",
        title: `请阅读政策解读：${doc.title}`,
        body: input.dueDate ? `请在 ${input.dueDate} 前阅读并确认。` : "请阅读并确认。",
        link: `/policy/${doc.id}`,
      })),
      now,
    );
    await audit(tx, {
      actor: user,
      action: "POLICY_READING_ASSIGN",
      objectType: "policyReading",
      objectId: r.id,
      result: "SUCCESS",
      ip,
      detail: { docId: doc.id, unitId: unit.id, withSubunits, people: people.length },
    });
    return { ok: true, id: r.id } as const;
  });
}

/** The readings in the manager's subtree (ADMIN: all), newest first, with confirmation counts. */
export async function listReadings(user: Manager) {
  let q = db()
    .selectFrom("PolicyReading as r")
    .innerJoin("OrgUnit as o", "o.id", "r.unitId")
    .innerJoin("PolicyDoc as d", "d.id", "r.docId")
    .innerJoin("PolicyVersion as v", (j) =>
      j.onRef("v.docId", "=", "d.id").onRef("v.version", "=", "d.publishedVersion"),
    )
    .select([
      "r.id",
      "r.docId",
      "r.unitId",
      "r.withSubunits",
      "r.dueDate",
      "r.createdAt",
      "o.name as unit",
      "o.path",
      "v.title",
    ])
    .orderBy("r.createdAt", "desc")
    .orderBy("r.id", "desc")
    .limit(100);
  if (user.role !== "ADMIN") {
    const path = user.orgUnitPath ?? "\u0000";
    q = q.where("o.path", ">=", path).where("o.path", "<", subtreeUpperBound(path));
  }
  const rows = await q.execute();
  return Promise.all(
    rows.map(async (r) => {
      const counts = await covered(r, r.path)
        .leftJoin("PolicyReadConfirm as c", (j) =>
          j.onRef("c.userId", "=", "u.id").on("c.docId", "=", r.docId),
        )
        .select((eb) => [
          eb.fn.countAll<number>().as("people"),
          eb.fn.count<number>("c.userId").as("confirmed"),
        ])
        .executeTakeFirstOrThrow();
      return { ...r, people: Number(counts.people), confirmed: Number(counts.confirmed) };
    }),
  );
}

/** One reading's confirmation list (the manager's view). */
export async function readingDetail(user: Manager, id: number) {
  const r = await db()
    .selectFrom("PolicyReading as r")
    .innerJoin("OrgUnit as o", "o.id", "r.unitId")
    .innerJoin("PolicyDoc as d", "d.id", "r.docId")
    .innerJoin("PolicyVersion as v", (j) =>
      j.onRef("v.docId", "=", "d.id").onRef("v.version", "=", "d.publishedVersion"),
    )
    .select([
      "r.id",
      "r.docId",
      "r.unitId",
      "r.withSubunits",
      "r.dueDate",
      "o.name as unit",
      "o.path",
      "v.title",
    ])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!r) return { ok: false as const, status: 404 as const, message: "阅读任务不存在" };
  if (!inScope(user, r.path))
    return { ok: false as const, status: 403 as const, message: "您没有权限查看该阅读任务" };
  const people = await covered(r, r.path)
    .leftJoin("PolicyReadConfirm as c", (j) =>
      j.onRef("c.userId", "=", "u.id").on("c.docId", "=", r.docId),
    )
    .select(["u.id", "u.username", "u.name", "o.name as unit", "c.confirmedAt"])
    .orderBy("o.path")
    .orderBy("u.username")
    .limit(5000)
    .execute();
  return { ok: true as const, reading: r, people };
}

/** Whether a reading of this doc covers the user, and whether he has confirmed. */
export async function readingStatus(
  user: { id: number; orgUnitId: number | null; orgUnitPath: string | null; role: string },
  docId: number,
) {
  if (!user.orgUnitId || !user.orgUnitPath || !["STAFF", "MANAGER"].includes(user.role))
    return null;
  const ancestors = pathIds(user.orgUnitPath);
  const reading = await db()
    .selectFrom("PolicyReading")
    .select(["id", "dueDate"])
    .where("docId", "=", docId)
    .where((eb) =>
      eb.or([
        eb("unitId", "=", user.orgUnitId!),
        eb.and([eb("withSubunits", "=", true), eb("unitId", "in", ancestors)]),
      ]),
    )
    .orderBy("id")
    .executeTakeFirst();
  if (!reading) return null;
  const confirm = await db()
    .selectFrom("PolicyReadConfirm")
    .select("confirmedAt")
    .where("docId", "=", docId)
    .where("userId", "=", user.id)
    .executeTakeFirst();
  return { dueDate: reading.dueDate, confirmedAt: confirm?.confirmedAt ?? null };
}

/**
 * The readings assigned to this reader (his unit, or an ancestor with its sub-units), one row
 * per doc, not yet confirmed first, then by due date: the "布置给我的阅读" list of /policy.
 */
export async function myReadings(user: {
  id: number;
  orgUnitId: number | null;
  orgUnitPath: string | null;
  role: string;
}) {
  if (!user.orgUnitId || !user.orgUnitPath || !["STAFF", "MANAGER"].includes(user.role)) return [];
  const unitId = user.orgUnitId;
  const ancestors = pathIds(user.orgUnitPath);
  const rows = await db()
    .selectFrom("PolicyReading as r")
    .innerJoin("PolicyDoc as d", "d.id", "r.docId")
    .innerJoin("PolicyVersion as v", (j) =>
      j.onRef("v.docId", "=", "d.id").onRef("v.version", "=", "d.publishedVersion"),
    )
    .leftJoin("PolicyReadConfirm as c", (j) =>
      j.onRef("c.docId", "=", "r.docId").on("c.userId", "=", user.id),
    )
    .select(["r.docId", "r.dueDate", "v.title", "c.confirmedAt"])
    .where("d.stage", "!=", "REPEALED")
    .where((eb) =>
      eb.or([
        eb("r.unitId", "=", unitId),
        eb.and([eb("r.withSubunits", "=", true), eb("r.unitId", "in", ancestors)]),
      ]),
    )
    .orderBy("r.id", "desc")
    .limit(200)
    .execute();
  const byDoc = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = byDoc.get(r.docId);
    // Of several readings of one doc, the earliest due date counts.
    if (!seen || (r.dueDate && (!seen.dueDate || r.dueDate < seen.dueDate))) byDoc.set(r.docId, r);
  }
  return [...byDoc.values()]
    .sort(
      (a, b) =>
        Number(Boolean(a.confirmedAt)) - Number(Boolean(b.confirmedAt)) ||
        (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"),
    )
    .slice(0, 20);
}

/** "我已阅读": once per person and doc (a second click changes nothing). */
export async function confirmRead(
  user: {
    id: number;
    username: string;
    orgUnitId: number | null;
    orgUnitPath: string | null;
    role: string;
  },
  docId: number,
  version: number,
  ip: string | null,
): Promise<ReadingResult> {
  const status = await readingStatus(user, docId);
  if (!status) return fail(403, "这篇解读没有布置给您阅读");
  return write(async (tx) => {
    const r = await tx
      .insertInto("PolicyReadConfirm")
      .values({ docId, userId: user.id, version, confirmedAt: new Date() })
      .onConflict((oc) => oc.columns(["docId", "userId"]).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: true, id: docId } as const;
    await audit(tx, {
      actor: user,
      action: "POLICY_READ_CONFIRM",
      objectType: "policyDoc",
      objectId: docId,
      result: "SUCCESS",
      ip,
    });
    return { ok: true, id: docId } as const;
  });
}

/** The form's choices: the manager's units (ADMIN: all, first 500 by tree order) and staff-addressed docs. */
export async function readingChoices(user: Manager) {
  let units = db().selectFrom("OrgUnit").select(["id", "name", "depth"]).orderBy("path").limit(500);
  if (user.role !== "ADMIN") {
    const path = user.orgUnitPath ?? "\u0000";
    units = units.where("path", ">=", path).where("path", "<", subtreeUpperBound(path));
  }
  const docs = db()
    .selectFrom("PolicyDoc as d")
    .innerJoin("PolicyVersion as v", (j) =>
      j.onRef("v.docId", "=", "d.id").onRef("v.version", "=", "d.publishedVersion"),
    )
    .select(["d.id", "v.title"])
    .where("d.stage", "!=", "REPEALED")
    .where((eb) => eb.or([eb("v.forStaff", "=", true), eb("v.isPublic", "=", true)]))
    .orderBy("v.publishedAt", "desc")
    .limit(200);
  return { units: await units.execute(), docs: await docs.execute() };
}
