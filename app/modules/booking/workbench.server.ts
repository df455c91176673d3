// The expert workbench (issue 18): tabs 待确认 / 待办理 / 已完成 / 全部, searched by enterprise or
// subject, 20 to a page. In the open tabs contract reviews come first, by due date (the promise
// once accepted, the wish before), then appointments by time; the closed tabs newest first.
import { sql } from "kysely";
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

export async function workbench(userId: number, tab: WorkbenchTab, q: string, page: number) {
  const filtered = () => {
    let query = rows().where("p.userId", "=", userId);
    if (q)
      query = query.where((eb) =>
        eb.or([containsText("e.name", q), containsText("Booking.topic", q)]),
      );
    return query;
  };
  const statuses = STATUSES[tab];
  let list = filtered();
  if (statuses) list = list.where("Booking.status", "in", statuses);
  list =
    tab === "pending" || tab === "open"
      ? list
          .orderBy(sql`case when "Booking"."wishDate" is null then 1 else 0 end`)
          .orderBy(sql`coalesce("Booking"."promisedDate", "Booking"."wishDate")`)
          .orderBy("Booking.startAt", "asc")
      : list.orderBy("Booking.updatedAt", "desc");
  const [found, counts] = await Promise.all([
    list
      .orderBy("Booking.id")
      .limit(PAGE_SIZE + 1)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    filtered()
      .clearSelect()
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere("Booking.status", "=", "REQUESTED").as("pending"),
        eb.fn.countAll<number>().filterWhere("Booking.status", "=", "CONFIRMED").as("open"),
        eb.fn.countAll<number>().filterWhere("Booking.status", "=", "COMPLETED").as("done"),
        eb.fn.countAll<number>().as("all"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
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
