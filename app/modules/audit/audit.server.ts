import type { Kysely } from "kysely";
import { db, streamRead, type DB } from "#app/data/db.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";
import { describeRows, type AuditRow, type ReadableRow } from "./describe.server.ts";
import type { AuditFilter } from "./schemas.ts";

export const AUDIT_PAGE_SIZE = 50;
/** Counting stops here: "超过 10000 条" costs as little on a log of millions as on a small one. */
export const COUNT_CAP = 10_000;
const DAY_MS = 86_400_000;

type Who = { ids: number[] } | { typed: string } | null;

/**
 * The person filter: a name, 工号/login name or mobile of a user (the rows he did, through the
 * (actorId, at) index), or else the name typed at a failed login (rows without a user).
 */
async function who(person: string): Promise<Who> {
  if (!person) return null;
  const users = await db()
    .selectFrom("User")
    .select("id")
    .where((eb) =>
      eb.or([eb("username", "=", person), eb("name", "=", person), eb("mobile", "=", person)]),
    )
    .limit(200)
    .execute();
  return users.length > 0 ? { ids: users.map((u) => u.id) } : { typed: person };
}

function matching(q: Kysely<DB>, f: AuditFilter, person: Who) {
  let query = q.selectFrom("AuditLog");
  if (f.action) query = query.where("action", "=", f.action);
  if (f.kind) query = query.where("objectType", "=", f.kind);
  if (f.result) query = query.where("result", "=", f.result);
  if (person && "ids" in person) query = query.where("actorId", "in", person.ids);
  if (person && "typed" in person)
    query = query.where("actorId", "is", null).where("actorName", "=", person.typed);
  if (f.from) query = query.where("at", ">=", shanghaiDayStart(f.from));
  if (f.to) query = query.where("at", "<", new Date(shanghaiDayStart(f.to).getTime() + DAY_MS));
  return query;
}

const COLUMNS = [
  "id",
  "at",
  "actorId",
  "actorName",
  "action",
  "objectType",
  "objectId",
  "result",
  "ip",
  "detail",
] as const;

export type AuditPage = {
  rows: ReadableRow[];
  /** Matching rows, counted up to COUNT_CAP + 1. */
  total: number;
  capped: boolean;
  /** Cursors for the newer and older pages (null: none). */
  newer: number | null;
  older: number | null;
};

/**
 * Newest first, ordered by (at, id) and paged by keyset: a page after the first starts at a
 * row (`before`/`after`) and reads the next 50 over the `at` index (alone or behind action or
 * actor), so page 2,000 costs what page 1 costs.
 */
export async function listAuditLog(f: AuditFilter): Promise<AuditPage> {
  const person = await who(f.person);
  const cursorId = f.before || f.after;
  const cursor = cursorId
    ? await db()
        .selectFrom("AuditLog")
        .select(["id", "at"])
        .where("id", "=", cursorId)
        .executeTakeFirst()
    : undefined;
  const forward = !cursor || Boolean(f.before);
  let page = matching(db(), f, person).select([...COLUMNS]);
  if (cursor && forward)
    page = page
      .where("at", "<=", cursor.at)
      .where((eb) =>
        eb.or([
          eb("at", "<", cursor.at),
          eb.and([eb("at", "=", cursor.at), eb("id", "<", cursor.id)]),
        ]),
      );
  if (cursor && !forward)
    page = page
      .where("at", ">=", cursor.at)
      .where((eb) =>
        eb.or([
          eb("at", ">", cursor.at),
          eb.and([eb("at", "=", cursor.at), eb("id", ">", cursor.id)]),
        ]),
      );
  const order = forward ? "desc" : "asc";
  const [raw, counted] = await Promise.all([
    page
      .orderBy("at", order)
      .orderBy("id", order)
      .limit(AUDIT_PAGE_SIZE + 1)
      .execute(),
    db()
      .selectFrom(
        matching(db(), f, person)
          .select("id")
          .limit(COUNT_CAP + 1)
          .as("m"),
      )
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const more = raw.length > AUDIT_PAGE_SIZE;
  const slice = raw.slice(0, AUDIT_PAGE_SIZE);
  if (!forward && !more && slice.length < AUDIT_PAGE_SIZE)
    return listAuditLog({ ...f, before: "", after: "" }); // back at the newest rows
  const rows = forward ? slice : slice.reverse();
  const total = Number(counted.n);
  return {
    rows: await describeRows(rows satisfies AuditRow[]),
    total: Math.min(total, COUNT_CAP),
    capped: total > COUNT_CAP,
    newer: cursor && (forward || more) ? (rows[0]?.id ?? null) : null,
    older: !forward || more ? (rows.at(-1)?.id ?? null) : null,
  };
}

const EXPORT_BATCH = 500;

/**
 * Every matching row, newest first, read on a connection of its own (streamRead) and named in
 * batches of 500 rows (one lookup per kind per batch).
 */
export async function* auditExportRows(f: AuditFilter): AsyncGenerator<ReadableRow> {
  const person = await who(f.person);
  let batch: AuditRow[] = [];
  const rows = streamRead((q) =>
    matching(q, f, person)
      .select([...COLUMNS])
      .orderBy("at", "desc")
      .orderBy("id", "desc"),
  );
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= EXPORT_BATCH) {
      yield* await describeRows(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield* await describeRows(batch);
}

/** Counts for the auditor's home over the last 24 hours. */
export function recentAuditSummary(now = new Date()) {
  return db()
    .selectFrom("AuditLog")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn
        .count<number>(eb.case().when("action", "=", "LOGIN_FAILURE").then(1).end())
        .as("loginFailures"),
      eb.fn.count<number>(eb.case().when("result", "=", "DENIED").then(1).end()).as("denied"),
    ])
    .where("at", ">=", new Date(now.getTime() - DAY_MS))
    .executeTakeFirstOrThrow();
}
