import type { Kysely } from "kysely";
import { audit } from "#app/data/audit.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";
import type { HolidayRow } from "./holiday-csv.server.ts";
import { beijingDay, type HolidayKind } from "./slots.ts";

type Actor = { id: number; username: string };

const asKind = (kind: string): HolidayKind => (kind === "WORKDAY" ? "WORKDAY" : "HOLIDAY");

/**
 * The holiday calendar from the Beijing day of `from` (a day early, as the slot computation
 * starts at the day's midnight) to `until`: a small table, read with the expert's calendar
 * (inside the booking transaction when booking).
 */
export async function holidaysFrom(
  q: Kysely<DB>,
  from: number,
  until = Number.MAX_SAFE_INTEGER,
): Promise<Map<string, HolidayKind>> {
  let query = q
    .selectFrom("Holiday")
    .select(["day", "kind"])
    .where("day", ">=", beijingDay(from - 86_400_000));
  if (until < Date.UTC(9999, 0, 1))
    query = query.where("day", "<=", beijingDay(until + 86_400_000));
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.day, asKind(r.kind)]));
}

export async function listHolidays(year: number) {
  const rows = await db()
    .selectFrom("Holiday")
    .select(["day", "kind", "name"])
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .orderBy("day")
    .execute();
  return rows.map((r) => ({ ...r, kind: asKind(r.kind) }));
}

/** The years that have entries, for the page's year links. */
export async function holidayYears(): Promise<number[]> {
  const rows = await db().selectFrom("Holiday").select("day").orderBy("day").execute();
  return [...new Set(rows.map((r) => Number(r.day.slice(0, 4))))];
}

/** Adds or replaces days (one day has one entry); one transaction, one audit row. */
export async function saveHolidays(
  actor: Actor,
  ip: string | null,
  rows: HolidayRow[],
  action: "HOLIDAY_ADD" | "HOLIDAY_IMPORT",
) {
  const now = new Date();
  await write(async (tx) => {
    for (const r of rows)
      await tx
        .insertInto("Holiday")
        .values({ ...r, createdAt: now })
        .onConflict((oc) => oc.column("day").doUpdateSet({ kind: r.kind, name: r.name }))
        .execute();
    await audit(tx, {
      actor,
      action,
      objectType: "holiday",
      objectId: rows.length === 1 ? rows[0]!.day : `${rows.length} days`,
      result: "SUCCESS",
      ip,
      detail: { days: rows.slice(0, 50).map((r) => `${r.day} ${r.kind}`) },
    });
  });
}

export async function removeHoliday(actor: Actor, ip: string | null, day: string) {
  return write(async (tx) => {
    const gone = await tx.deleteFrom("Holiday").where("day", "=", day).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) return false;
    await audit(tx, {
      actor,
      action: "HOLIDAY_REMOVE",
      objectType: "holiday",
      objectId: day,
      result: "SUCCESS",
      ip,
    });
    return true;
  });
}
