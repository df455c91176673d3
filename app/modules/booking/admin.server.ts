import { sql, type Kysely } from "kysely";
import { db, streamRead, type DB } from "#app/data/db.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";
import type { AdminBookingFilter } from "./schemas.ts";
import { beijingDay } from "./slots.ts";

export const ADMIN_PAGE_SIZE = 50;

/** The bookings matching the list's filters, joined to their enterprise (for the name search). */
function matching(q: Kysely<DB>, f: AdminBookingFilter) {
  let query = q.selectFrom("Booking as b").innerJoin("Enterprise as e", "e.id", "b.enterpriseId");
  if (f.status) query = query.where("b.status", "=", f.status);
  if (f.type) query = query.where("b.type", "=", f.type);
  if (f.expert !== "") query = query.where("b.expertId", "=", f.expert);
  if (f.from) query = query.where("b.startAt", ">=", shanghaiDayStart(f.from));
  if (f.to)
    query = query.where("b.startAt", "<", new Date(shanghaiDayStart(f.to).getTime() + 86_400_000));
  if (f.overdue)
    // Accepted contract reviews whose promised date (Beijing) has passed (issue 18).
    query = query
      .where("b.type", "=", "CONTRACT_REVIEW")
      .where("b.status", "=", "CONFIRMED")
      .where("b.promisedDate", "<", beijingDay(Date.now()));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, "\\$&")}%`;
    // LIKE … ESCAPE is standard SQL (SQLite and PostgreSQL alike); the builder has no ESCAPE.
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref("e.name")} LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`${eb.ref("e.uscc")} LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`${eb.ref("b.topic")} LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  return query;
}

function listed(q: Kysely<DB>, f: AdminBookingFilter) {
  return matching(q, f)
    .innerJoin("ExpertProfile as p", "p.id", "b.expertId")
    .innerJoin("User as u", "u.id", "p.userId")
    .select((eb) => [
      "b.id",
      "b.type",
      "b.status",
      "b.startAt",
      "b.endAt",
      "b.topic",
      "e.name as enterprise",
      "e.uscc",
      "u.name as expert",
      "b.ratingScore",
      "b.createdAt",
      "b.wishDate",
      "b.promisedDate",
      eb
        .selectFrom("BookingFile as f")
        .select((fb) => fb.fn.countAll<number>().as("n"))
        .whereRef("f.bookingId", "=", "b.id")
        .where("f.purgedAt", "is", null)
        .as("files"),
    ])
    .orderBy("b.startAt", "desc")
    .orderBy("b.id", "desc");
}

export type AdminBookingRow = Awaited<ReturnType<ReturnType<typeof listed>["execute"]>>[number];

export async function adminBookings(f: AdminBookingFilter) {
  const { n } = await matching(db(), f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const rows = await listed(db(), f)
    .limit(ADMIN_PAGE_SIZE)
    .offset((f.page - 1) * ADMIN_PAGE_SIZE)
    .execute();
  return { total, rows, pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}

/** Every matching booking, row by row, for the CSV export: on a connection of its own. */
export function adminBookingRows(f: AdminBookingFilter): AsyncGenerator<AdminBookingRow> {
  return streamRead((q) => listed(q, f));
}

export function expertOptions() {
  return db()
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select(["p.id", "u.name"])
    .orderBy("p.id")
    .execute();
}
