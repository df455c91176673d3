// The expert workbench (issue 18): tabs 待确认 / 待办理 / 已完成 / 全部, searched by enterprise or
// subject, 20 to a page. In the open tabs contract reviews come first, by due date (the promise
// once accepted, the wish before), then appointments by time; the closed tabs newest first.
import { sql, type Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, type DB } from "#app/data/db.server.ts";
import { containsText } from "#app/data/portable.server.ts";
import { rows, shape } from "./queries.server.ts";
import type { WORKBENCH_TABS } from "./schemas.ts";

export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];
export const PAGE_SIZE = 20;
const STATUSES: Record<WorkbenchTab, readonly string[] | null> = {
  pending: ["REQUESTED"],
  open: ["CONFIRMED"],
  done: ["COMPLETED"],
  all: null,
};

/** The expert's bookings, searched when `q` is given (its shape depends on tab and search). */
function filtered(qb: Kysely<DB>, userId: number, q: string) {
  let query = rows(qb).where("p.userId", "=", userId);
  if (q)
    query = query.where((eb) =>
      eb.or([containsText("e.name", q), containsText("Booking.topic", q)]),
    );
  return query;
}

function listQuery(qb: Kysely<DB>, tab: WorkbenchTab, userId: number, q: string, offset: number) {
  const statuses = STATUSES[tab];
  let list = filtered(qb, userId, q);
  if (statuses) list = list.where("Booking.status", "in", statuses);
  list =
    tab === "pending" || tab === "open"
      ? list
          .orderBy(sql`case when "Booking"."wishDate" is null then 1 else 0 end`)
          .orderBy(sql`coalesce("Booking"."promisedDate", "Booking"."wishDate")`)
          .orderBy("Booking.startAt", "asc")
      : list.orderBy("Booking.updatedAt", "desc");
  return list
    .orderBy("Booking.id")
    .limit(PAGE_SIZE + 1)
    .offset(offset);
}

const countsQuery = (qb: Kysely<DB>, userId: number, q: string) =>
  filtered(qb, userId, q)
    .clearSelect()
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere("Booking.status", "=", "REQUESTED").as("pending"),
      eb.fn.countAll<number>().filterWhere("Booking.status", "=", "CONFIRMED").as("open"),
      eb.fn.countAll<number>().filterWhere("Booking.status", "=", "COMPLETED").as("done"),
      eb.fn.countAll<number>().as("all"),
    ]);

// Without a search (the page as it opens) the statements are compiled once per tab.
const tabList = (tab: WorkbenchTab) =>
  compiled((qb, userId: number, offset: number) => listQuery(qb, tab, userId, "", offset));
const LISTS = {
  pending: tabList("pending"),
  open: tabList("open"),
  done: tabList("done"),
  all: tabList("all"),
} as const;
const COUNTS = compiled((qb, userId: number) => countsQuery(qb, userId, ""));

export async function workbench(userId: number, tab: WorkbenchTab, q: string, page: number) {
  const offset = (page - 1) * PAGE_SIZE;
  const [found, counts] = q
    ? await Promise.all([
        listQuery(db(), tab, userId, q, offset).execute(),
        countsQuery(db(), userId, q).executeTakeFirstOrThrow(),
      ])
    : await Promise.all([LISTS[tab].read(userId, offset), COUNTS.first(db(), userId)]);
  if (!counts) throw new Error("workbench counts: no row");
  return {
    rows: found.slice(0, PAGE_SIZE).map(shape),
    more: found.length > PAGE_SIZE,
    counts: {
      pending: Number(counts.pending),
      open: Number(counts.open),
      done: Number(counts.done),
      all: Number(counts.all),
    },
  };
}
