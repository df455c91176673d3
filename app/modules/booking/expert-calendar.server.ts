import { sql, type Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, dialectName, type DB } from "#app/data/db.server.ts";
import { beijingDay, type Busy, type ExpertCalendar, type HolidayKind } from "./slots.ts";

// The expert's calendar, read on every slot page, calendar step and booking check: three
// statements compiled once (the builder was a visible share of these requests), of which the
// busy times run on the covering index Booking(expertId, startAt, endAt, status, wishDate).

/** Bookable = an active profile whose user account is not disabled; with its weekly rules. */
const PROFILE_RULES = compiled((q, expertId: number) =>
  q
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .leftJoin("AvailabilityRule as r", "r.expertId", "p.id")
    .select([
      "p.slotMinutes",
      "p.bufferMinutes",
      "p.dailyMax",
      "p.busyVersion",
      "r.weekday",
      "r.startMinute",
      "r.endMinute",
    ])
    .where("p.id", "=", expertId)
    .where("p.active", "=", true)
    .where("u.disabled", "=", false)
    .orderBy("r.weekday")
    .orderBy("r.startMinute"),
);

/** The expert's leave days (kind LEAVE) and the holiday calendar's days in range, in one read. */
const OFF_DAYS = compiled((q, expertId: number, firstDay: string, lastDay: string) =>
  q
    .selectFrom("ExpertLeave")
    .select(["day", sql<string>`'LEAVE'`.as("kind")])
    .where("expertId", "=", expertId)
    .unionAll(
      q
        .selectFrom("Holiday")
        .select(["day", "kind"])
        .where("day", ">=", firstDay)
        .where("day", "<=", lastDay),
    ),
);

/**
 * Bookings holding time: not declined or cancelled, and not a contract review (decision 0022).
 * One JSON array of start, length pairs in milliseconds (null without bookings) instead of a row
 * per booking: a busy expert has hundreds, and each row's object and two Dates cost more than
 * SQLite's scan; JSON.parse reads the numbers faster than a split (issue 14).
 * In no particular order (computeSlots sorts; the checks look at every booking).
 */
export function busyPairs() {
  return dialectName() === "postgres"
    ? sql<string | null>`'[' || string_agg(
        CAST(EXTRACT(EPOCH FROM "startAt") * 1000 AS bigint) || ',' ||
        CAST(EXTRACT(EPOCH FROM "endAt" - "startAt") * 1000 AS bigint), ',') || ']'`
    : sql<
        string | null
      >`'[' || group_concat("startAt" || ',' || ("endAt" - "startAt"), ',') || ']'`;
}

const BUSY = compiled((q, expertId: number, after: Date, before: Date) =>
  q
    .selectFrom("Booking")
    .select(busyPairs().as("busy"))
    .where("expertId", "=", expertId)
    .where("endAt", ">", after)
    .where("startAt", "<", before)
    .where("status", "not in", ["DECLINED", "CANCELLED"])
    .where("wishDate", "is", null),
);

/** The busy text's pairs as intervals. */
export function parseBusy(text: string | null): Busy[] {
  if (!text) return [];
  const flat = JSON.parse(text) as number[];
  const out: Busy[] = new Array<Busy>(flat.length >> 1);
  for (let i = 0, j = 0; i + 1 < flat.length; i += 2, j++) {
    const startAt = flat[i]!;
    out[j] = { startAt, endAt: startAt + flat[i + 1]! };
  }
  return out;
}

// "No upper bound" as a time both databases take: JavaScript's last Date (year 275760) is sent
// to PostgreSQL as "+275760-…", which TIMESTAMP refuses ("time zone displacement out of range").
const LATEST_TIME = Date.UTC(9999, 11, 31);
const DAY_MS = 86_400_000;

/** The busy times as last read on a handle: at which version, from which time on, no end. */
type KeptBusy = { version: number; after: number; busy: readonly Busy[] };
/** Per connection handle (another database is never this one) and expert; bounded. */
const keptBusy = new WeakMap<object, Map<number, KeptBusy>>();
const KEPT_EXPERTS = 256;

/**
 * The busy times from `after` on (no upper bound) on the shared handle, kept in the process
 * under the expert's busyVersion (decision 0014, session 11): triggers on Booking bump it in
 * every transaction that can change them, and the version comes with the profile read before
 * this, so a booking made on another instance shows at the next request, and one made between
 * the two reads only causes another read. Kept from the earliest time read: a later request
 * filters the kept list down to exactly what its own read would return.
 */
async function keptBusyTimes(
  q: Kysely<DB>,
  expertId: number,
  version: number,
  after: number,
): Promise<Busy[]> {
  let byExpert = keptBusy.get(q);
  if (!byExpert) keptBusy.set(q, (byExpert = new Map()));
  const k = byExpert.get(expertId);
  if (k && k.version === version && k.after <= after) return k.busy.filter((b) => b.endAt > after);
  const row = await BUSY.first(q, expertId, new Date(after), new Date(LATEST_TIME));
  // Kept in time order: every page's computeSlots sorts its copy, which is then already sorted.
  const busy = parseBusy(row?.busy ?? null).sort((a, b) => a.startAt - b.startAt);
  if (byExpert.size >= KEPT_EXPERTS) byExpert.clear();
  byExpert.set(expertId, { version, after, busy });
  return busy.slice();
}

/**
 * Rules, leave days, holidays and the bookings that hold time from `from` (to `until`), on the
 * shared handle or, inside a `write()`, on its transaction (so the booking checks read what they
 * lock, and a disabling that commits first wins). Without `until`, on the shared handle, the
 * bookings are kept per process under the expert's busy version (keptBusyTimes); a
 * transaction always reads them.
 */
export async function expertCalendar(
  expertId: number,
  from: number,
  until = Number.MAX_SAFE_INTEGER,
  q: Kysely<DB> = db(),
): Promise<ExpertCalendar | null> {
  const rows = await PROFILE_RULES.rows(q, expertId);
  const p = rows[0];
  if (!p) return null;
  const rules = rows.flatMap(({ weekday, startMinute, endMinute }) =>
    weekday === null || startMinute === null || endMinute === null
      ? []
      : [{ weekday, startMinute, endMinute }],
  );
  // Holidays from a day early (the slot computation starts at the day's midnight) to a day late.
  const lastDay = until < Date.UTC(9999, 0, 1) ? beijingDay(until + DAY_MS) : "9999-12-31";
  const off = await OFF_DAYS.rows(q, expertId, beijingDay(from - DAY_MS), lastDay);
  const leaveDays = new Set<string>();
  const holidays = new Map<string, HolidayKind>();
  for (const r of off)
    if (r.kind === "LEAVE") leaveDays.add(r.day);
    else holidays.set(r.day, r.kind === "WORKDAY" ? "WORKDAY" : "HOLIDAY");
  const after = from - DAY_MS;
  const busy =
    until >= LATEST_TIME && q === db()
      ? await keptBusyTimes(q, expertId, p.busyVersion, after)
      : parseBusy(
          (await BUSY.first(q, expertId, new Date(after), new Date(Math.min(until, LATEST_TIME))))
            ?.busy ?? null,
        );
  return {
    slotMinutes: p.slotMinutes,
    bufferMinutes: p.bufferMinutes,
    dailyMax: p.dailyMax,
    rules,
    leaveDays,
    holidays,
    busy,
  };
}

/**
 * The calendar a booking check of `slot` needs (a new booking, a reschedule, a proposal): the
 * bookings from two days before the slot to two days after, which hold the slot's day (its
 * daily maximum) and every booking whose buffer could reach it. Not those between now and
 * then: a busy expert has hundreds, read and parsed inside the writing transaction for nothing.
 */
export function calendarAround(
  expertId: number,
  slot: number,
  q: Kysely<DB>,
): Promise<ExpertCalendar | null> {
  return expertCalendar(expertId, slot - 2 * DAY_MS, slot + 2 * DAY_MS, q);
}
