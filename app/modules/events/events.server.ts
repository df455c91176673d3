import crypto from "node:crypto";
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { audit } from "#app/data/audit.server.ts";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import type { CreateEventInput } from "./schemas.ts";

type Actor = Pick<SessionUser, "id" | "username" | "role" | "orgUnitPath">;
export type Attendee = { id: number; orgUnitPath?: string | null };

/** Who attends events and earns their 学时. */
export const ATTENDEE_ROLES = ["STAFF", "MANAGER"] as const;
export const ORGANISER_ROLES = ["MANAGER", "ADMIN"] as const;

/** The subtree an organiser works in ("/" for an admin). */
export function organiserScope(actor: Pick<SessionUser, "role" | "orgUnitPath">): string {
  return actor.role === "ADMIN" ? "/" : (actor.orgUnitPath ?? "/nowhere/");
}
const inScope = (path: string, scope: string) => scope === "/" || path.startsWith(scope);

const fieldError = (field: string, message: string) => ({
  ok: false as const,
  fieldErrors: { [field]: message } as Record<string, string>,
});

/** Platform experts a speaker may be chosen from (active profiles). */
export function platformExperts() {
  return db()
    .selectFrom("ExpertProfile as e")
    .innerJoin("User as u", "u.id", "e.userId")
    .select(["e.id", "u.name", "e.title"])
    .where("e.active", "=", true)
    .where("u.disabled", "=", false)
    .orderBy("e.id")
    .execute();
}

/**
 * Creates an event. Every unit and person of the audience must lie in the organiser's subtree,
 * every chosen expert must exist; otherwise nothing is written.
 */
export async function createEvent(
  actor: Actor,
  ip: string | null,
  input: CreateEventInput,
  now = new Date(),
) {
  const scope = organiserScope(actor);
  if (input.startsAt < now.getTime() - 86_400_000)
    return fieldError("startsAt", "开始时间不能早于昨天");
  const experts = input.expertId.length
    ? await db()
        .selectFrom("ExpertProfile as e")
        .innerJoin("User as u", "u.id", "e.userId")
        .select(["e.id", "u.name", "e.title"])
        .where("e.id", "in", input.expertId)
        .where("e.active", "=", true)
        .orderBy("e.id")
        .execute()
    : [];
  if (experts.length !== input.expertId.length) return fieldError("expertId", "所选专家不存在");
  if (experts.length + input.scholars.length === 0)
    return fieldError("scholars", "请至少选择一位平台专家或填写一位特邀专家学者");
  const targeted = input.audience === "TARGETED";
  const units =
    targeted && input.unitCodes.length
      ? await db()
          .selectFrom("OrgUnit")
          .select(["id", "code", "path"])
          .where("code", "in", input.unitCodes)
          .orderBy("id")
          .execute()
      : [];
  const missing = targeted ? input.unitCodes.filter((c) => !units.some((u) => u.code === c)) : [];
  if (missing.length)
    return fieldError("unitCodes", `找不到单位编码：${missing.slice(0, 5).join("、")}`);
  if (units.some((u) => !inScope(u.path, scope)))
    return fieldError("unitCodes", "只能面向本单位及下级单位组织活动");
  const users =
    targeted && input.usernames.length
      ? await db()
          .selectFrom("User as u")
          .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
          .select(["u.id", "u.username", "o.path"])
          .where("u.username", "in", input.usernames)
          .where("u.role", "in", ATTENDEE_ROLES)
          .orderBy("u.id")
          .execute()
      : [];
  const unknown = targeted
    ? input.usernames.filter((n) => !users.some((u) => u.username === n))
    : [];
  if (unknown.length)
    return fieldError("usernames", `找不到工作人员：${unknown.slice(0, 5).join("、")}`);
  if (users.some((u) => u.path === null || !inScope(u.path, scope)))
    return fieldError("usernames", "只能指定本单位及下级单位的人员");
  const unitKind = input.includeSubunits ? "SUBTREE" : "UNIT";
  const id = await write(async (tx) => {
    const created = await tx
      .insertInto("Event")
      .values({
        kind: input.kind,
        description: input.description,
        ...eventSchedule(input),
        audience: input.audience,
        caseMaterials: input.kind === "CASE_STUDY" ? input.caseMaterials : null,
        questions: input.kind === "CASE_STUDY" ? input.questions : null,
        scopePath: scope,
        createdById: actor.id,
        createdAt: now,
        qrSecret: crypto.randomBytes(32).toString("hex"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const speakers = [
      ...experts.map((e) => ({ expertId: e.id, name: e.name, title: e.title })),
      ...input.scholars.map((s) => ({ expertId: null, ...s })),
    ];
    await tx
      .insertInto("EventSpeaker")
      .values(speakers.map((s, position) => ({ eventId: created.id, position, ...s })))
      .execute();
    const audience = [
      ...units.map((u) => ({ eventId: created.id, kind: unitKind, orgUnitId: u.id })),
      ...users.map((u) => ({ eventId: created.id, kind: "USER", userId: u.id })),
    ];
    if (audience.length) await tx.insertInto("EventAudience").values(audience).execute();
    await audit(tx, {
      actor,
      action: "EVENT_CREATE",
      objectType: "event",
      objectId: created.id,
      result: "SUCCESS",
      ip,
      detail: {
        kind: input.kind,
        units: units.length,
        users: users.length,
        capacity: input.capacity,
      },
    });
    return created.id;
  });
  return { ok: true as const, id };
}

/** The columns an organiser sets when creating or editing an event: time, place, seats, 学时. */
export function eventSchedule(
  input: Pick<
    CreateEventInput,
    | "title"
    | "startsAt"
    | "endsAt"
    | "room"
    | "meetingUrl"
    | "capacity"
    | "creditHours"
    | "checkInFrom"
    | "checkInUntil"
  >,
) {
  const startsAt = new Date(input.startsAt);
  return {
    title: input.title,
    startsAt,
    endsAt: new Date(input.endsAt),
    year: shanghaiYear(startsAt),
    room: input.room || null,
    meetingUrl: input.meetingUrl || null,
    capacity: input.capacity,
    creditHours: input.creditHours,
    checkInFrom: new Date(input.checkInFrom ?? input.startsAt - 30 * 60_000),
    checkInUntil: new Date(input.checkInUntil ?? input.endsAt),
  };
}

/** The unit path `column` is the person's own unit or one above it. */
const holdsPath = (path: string, column: "tu.path") =>
  sql<SqlBool>`(${path} >= ${sql.ref(column)} AND ${path} < substr(${sql.ref(column)}, 1, length(${sql.ref(column)}) - 1) || '0')`;

/** Event ids among `eventIds` (all when null) that the person is in the audience of. */
function audienceFilter(user: Attendee) {
  return audienceWhere(user.id, user.orgUnitPath ?? "/nowhere/");
}

/** audienceFilter for a user id and unit path given as values (compiled queries pass stand-ins). */
function audienceWhere(userId: number, path: string) {
  return (eb: ExpressionBuilder<DB & { e: DB["Event"] }, "e">) =>
    eb.or([
      eb("e.audience", "=", "OPEN"),
      eb.exists(
        eb
          .selectFrom("EventAudience as a")
          .leftJoin("OrgUnit as tu", "tu.id", "a.orgUnitId")
          .select(sql.lit(1).as("one"))
          .whereRef("a.eventId", "=", "e.id")
          .where((w) =>
            w.or([
              w.and([w("a.kind", "=", "USER"), w("a.userId", "=", userId)]),
              w.and([w("a.kind", "=", "UNIT"), w("tu.path", "=", path)]),
              w.and([w("a.kind", "=", "SUBTREE"), holdsPath(path, "tu.path")]),
            ]),
          ),
      ),
      eb.exists(
        eb
          .selectFrom("EventSignup as s")
          .select(sql.lit(1).as("one"))
          .whereRef("s.eventId", "=", "e.id")
          .where("s.userId", "=", userId),
      ),
    ]);
}

const eventsQuery = (q: Kysely<DB> = db()) =>
  q.selectFrom("Event as e").select([
    "e.id",
    "e.kind",
    "e.title",
    "e.startsAt",
    "e.endsAt",
    "e.room",
    "e.meetingUrl",
    "e.capacity",
    "e.creditHours",
    "e.cancelledAt",
    (eb) =>
      eb
        .selectFrom("EventSignup as c")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("c.eventId", "=", "e.id")
        .where("c.status", "=", "CONFIRMED")
        .as("confirmed"),
  ]);

/** Events with the person's own sign-up and attendance, in his audience. */
const attendeeEvents = (q: Kysely<DB>, userId: number, path: string) =>
  eventsQuery(q)
    .leftJoin("EventSignup as me", (j) =>
      j.onRef("me.eventId", "=", "e.id").on("me.userId", "=", userId),
    )
    .leftJoin("EventAttendance as at", (j) =>
      j.onRef("at.eventId", "=", "e.id").on("at.userId", "=", userId),
    )
    .select(["me.status as myStatus", "at.at as attendedAt"])
    .where(audienceWhere(userId, path));

// Compiled once (issue 14): 讲座与研讨 runs it on every request.
const STAFF_EVENTS = compiled((q, userId: number, path: string, endsFrom: Date, limit: number) =>
  attendeeEvents(q, userId, path)
    .where("e.endsAt", ">=", endsFrom)
    .orderBy("e.startsAt")
    .orderBy("e.id")
    .limit(limit),
);

// The home's few (issue 14): only the rows it shows, not staffEvents' list filtered in JavaScript.
const UPCOMING = compiled((q, userId: number, path: string, now: Date, limit: number) =>
  // Only what the home shows: no confirmed count (a correlated count per candidate event,
  // since the sort needs every candidate row), no room, link or capacity.
  q
    .selectFrom("Event as e")
    .leftJoin("EventSignup as me", (j) =>
      j.onRef("me.eventId", "=", "e.id").on("me.userId", "=", userId),
    )
    .leftJoin("EventAttendance as at", (j) =>
      j.onRef("at.eventId", "=", "e.id").on("at.userId", "=", userId),
    )
    .select([
      "e.id",
      "e.kind",
      "e.title",
      "e.startsAt",
      "e.creditHours",
      "e.cancelledAt",
      "me.status as myStatus",
      "at.at as attendedAt",
    ])
    .where(audienceWhere(userId, path))
    .where("e.endsAt", ">", now)
    .where((eb) => eb.or([eb("e.cancelledAt", "is", null), eb("me.status", "is not", null)]))
    .orderBy(sql`"me"."status" is null`)
    .orderBy("e.startsAt")
    .orderBy("e.id")
    .limit(limit),
);

/**
 * The first `limit` events not yet over that the person may attend, those he signed up for
 * first, each part soonest first; a cancelled one only if he signed up for it (shown as 已取消).
 * The home's fields only (no confirmed count).
 */
export function upcomingEvents(user: Attendee, now: Date, limit: number) {
  return UPCOMING.read(user.id, user.orgUnitPath ?? "/nowhere/", now, limit);
}

/**
 * The events a staff member may see (open ones, his audience, his sign-ups), from a week ago on,
 * soonest first, with his own sign-up and attendance. Cancelled ones stay (shown as 已取消).
 */
export async function staffEvents(user: Attendee, now: Date, limit = 50) {
  const rows = await STAFF_EVENTS.read(
    user.id,
    user.orgUnitPath ?? "/nowhere/",
    new Date(now.getTime() - 7 * 86_400_000),
    limit,
  );
  return rows.map((r) => ({ ...r, confirmed: Number(r.confirmed ?? 0) }));
}

/** Whether the person is in the event's audience (or already signed up). */
export async function inAudience(user: Attendee, eventId: number): Promise<boolean> {
  const row = await db()
    .selectFrom("Event as e")
    .select("e.id")
    .where("e.id", "=", eventId)
    .where(audienceFilter(user))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Of `userIds`, those in the event's audience, as inAudience decides it for one person (open
 * event; USER, UNIT or SUBTREE target; or signed up), in one query. Roles are the caller's check.
 */
export async function audienceAmong(
  eventId: number,
  userIds: number[],
  q: Kysely<DB> = db(),
): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const event = await q
    .selectFrom("Event")
    .select("audience")
    .where("id", "=", eventId)
    .executeTakeFirst();
  if (!event) return new Set();
  let query = q
    .selectFrom("User as u")
    .leftJoin("OrgUnit as ou", "ou.id", "u.orgUnitId")
    .select("u.id")
    .where("u.id", "in", userIds);
  if (event.audience !== "OPEN")
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("EventAudience as a")
            .leftJoin("OrgUnit as tu", "tu.id", "a.orgUnitId")
            .select(sql.lit(1).as("one"))
            .where("a.eventId", "=", eventId)
            .where((w) =>
              w.or([
                w.and([w("a.kind", "=", "USER"), w("a.userId", "=", w.ref("u.id"))]),
                w.and([w("a.kind", "=", "UNIT"), w("a.orgUnitId", "=", w.ref("u.orgUnitId"))]),
                w.and([
                  w("a.kind", "=", "SUBTREE"),
                  sql<SqlBool>`(ou.path >= tu.path AND ou.path < substr(tu.path, 1, length(tu.path) - 1) || '0')`,
                ]),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom("EventSignup as s")
            .select(sql.lit(1).as("one"))
            .where("s.eventId", "=", eventId)
            .whereRef("s.userId", "=", "u.id"),
        ),
      ]),
    );
  const rows = await query.execute();
  return new Set(rows.map((r) => r.id));
}

/** The events an organiser manages (created in his subtree; all for an admin), newest first. */
export async function organiserEvents(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
  limit = 100,
) {
  const scope = organiserScope(actor);
  let q = eventsQuery()
    .select((eb) =>
      eb
        .selectFrom("EventAttendance as t")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("t.eventId", "=", "e.id")
        .as("attended"),
    )
    .orderBy("e.startsAt", "desc")
    .orderBy("e.id", "desc")
    .limit(limit);
  if (scope !== "/")
    q = q.where("e.scopePath", ">=", scope).where("e.scopePath", "<", subtreeUpperBound(scope));
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    confirmed: Number(r.confirmed ?? 0),
    attended: Number(r.attended ?? 0),
  }));
}

/** One event with its speakers, or null. */
export async function getEvent(id: number) {
  const event = await db().selectFrom("Event").selectAll().where("id", "=", id).executeTakeFirst();
  if (!event) return null;
  const speakers = await db()
    .selectFrom("EventSpeaker")
    .select(["name", "title", "expertId"])
    .where("eventId", "=", id)
    .orderBy("position")
    .execute();
  return { ...event, speakers };
}
export type EventRow = NonNullable<Awaited<ReturnType<typeof getEvent>>>;

/** The event when the organiser may manage it (in his subtree), else null (the route says 404). */
export async function getManagedEvent(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
  id: number,
) {
  const event = await getEvent(id);
  if (!event) return null;
  return inScope(event.scopePath, organiserScope(actor)) ? event : null;
}

/** Whether the event's audience lists the person (an organiser's assignment checks it). */
export function audienceOf(eventId: number) {
  return db()
    .selectFrom("EventAudience as a")
    .leftJoin("OrgUnit as o", "o.id", "a.orgUnitId")
    .leftJoin("User as u", "u.id", "a.userId")
    .select(["a.kind", "o.name as unitName", "u.name as userName"])
    .where("a.eventId", "=", eventId)
    .orderBy("a.id")
    .execute();
}
