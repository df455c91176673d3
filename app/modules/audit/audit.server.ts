import { db } from "#app/data/db.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";

export const AUDIT_PAGE_SIZE = 50;

type Filter = { user: string; action: string; from: string; to: string; page: number };

/** Newest first; dates are calendar days in Beijing time, both ends included. */
export async function listAuditLog(filter: Filter) {
  let q = db().selectFrom("AuditLog");
  if (filter.user) q = q.where("actorName", "=", filter.user);
  if (filter.action) q = q.where("action", "=", filter.action);
  if (filter.from) q = q.where("at", ">=", shanghaiDayStart(filter.from));
  if (filter.to)
    q = q.where("at", "<", new Date(shanghaiDayStart(filter.to).getTime() + 86_400_000));
  const [counted, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q
      .select([
        "id",
        "at",
        "actorName",
        "action",
        "objectType",
        "objectId",
        "result",
        "ip",
        "detail",
      ])
      .orderBy("id", "desc")
      .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
      .limit(AUDIT_PAGE_SIZE)
      .execute(),
  ]);
  const total = counted.n;
  return { total, rows, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
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
    .where("at", ">=", new Date(now.getTime() - 86_400_000))
    .executeTakeFirstOrThrow();
}
