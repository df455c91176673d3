import { sql, type Kysely, type RawBuilder } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { dialectName, type DB } from "#app/data/db.server.ts";
import { busyPairs, parseBusy } from "./expert-calendar.server.ts";
import { settingsFromJson, type ConsultSettings } from "./settings.server.ts";
import { beijingDay, type ExpertCalendar, type HolidayKind, type WeeklyRule } from "./slots.ts";
import { ACTIVE } from "./state.ts";

// What a new slot booking checks, read in ONE statement inside its `write()` transaction
// (decision 0014, session 12): the expert's profile and weekly rules, leave days and the
// holidays around the slot, the bookings holding time around it, the enterprise's active
// bookings (the quota), the names the notice needs and the consult settings. These were five
// statements (calendarAround's three, quotaAndNames, consultSettings), each a round through
// the query executor. The same rows as theirs, aggregated to text per part: the same windows
// as calendarAround (bookings from three days before the slot to two after, holidays from
// the day before that to the day after), the quota as quotaAndNames counts it.

const DAY_MS = 86_400_000;

/** `expr` of every row joined by commas (NULL without rows), in the dialect's aggregate. */
function joined(expr: string): RawBuilder<string | null> {
  return dialectName() === "postgres"
    ? sql<string | null>`string_agg(${sql.raw(expr)}, ',')`
    : sql<string | null>`group_concat(${sql.raw(expr)}, ',')`;
}

/** The Setting rows as one JSON object text (NULL without rows). */
function settingsObject(): RawBuilder<string | null> {
  return dialectName() === "postgres"
    ? sql<string | null>`CAST(json_object_agg("key", "value") AS text)`
    : sql<string | null>`json_group_object("key", "value")`;
}

export const BOOKING_CHECK = compiled(
  (
    q,
    expertId: number,
    firstDay: string,
    lastDay: string,
    after: Date,
    before: Date,
    enterpriseId: number,
    now: Date,
  ) =>
    q
      .selectFrom("ExpertProfile as p")
      .innerJoin("User as u", "u.id", "p.userId")
      .select((eb) => [
        "p.slotMinutes",
        "p.bufferMinutes",
        "p.dailyMax",
        "p.userId as expertUserId",
        eb
          .selectFrom("AvailabilityRule as r")
          .select(
            joined(`"r"."weekday" || ',' || "r"."startMinute" || ',' || "r"."endMinute"`).as("t"),
          )
          .whereRef("r.expertId", "=", "p.id")
          .as("rules"),
        eb
          .selectFrom("ExpertLeave as l")
          .select(joined(`"l"."day"`).as("t"))
          .whereRef("l.expertId", "=", "p.id")
          .as("leave"),
        eb
          .selectFrom("Holiday as h")
          .select(joined(`"h"."day" || ':' || "h"."kind"`).as("t"))
          .where("h.day", ">=", firstDay)
          .where("h.day", "<=", lastDay)
          .as("holidays"),
        eb
          .selectFrom("Booking as b")
          .select(busyPairs().as("t"))
          .whereRef("b.expertId", "=", "p.id")
          .where("b.endAt", ">", after)
          .where("b.startAt", "<", before)
          .where("b.status", "not in", ["DECLINED", "CANCELLED"])
          .where("b.wishDate", "is", null)
          .as("busy"),
        eb
          .selectFrom("Booking as a")
          .select((c) => c.fn.countAll<number>().as("n"))
          .where("a.enterpriseId", "=", enterpriseId)
          .where("a.status", "in", ACTIVE)
          // A contract review (no slot: its wishDate is set) counts until it is finished.
          .where((w) => w.or([w("a.endAt", ">", now), w("a.wishDate", "is not", null)]))
          .as("active"),
        eb
          .selectFrom("Enterprise as e")
          .select("e.name")
          .where("e.id", "=", enterpriseId)
          .as("enterpriseName"),
        eb
          .selectFrom("Setting as s")
          .select(settingsObject().as("t"))
          // A literal pattern: a bound one makes SQLite prepare the statement again on every run
          // (its LIKE optimisation depends on the bound value), 150-250 µs for this one.
          .where("s.key", "like", sql.lit("consult.%"))
          .as("settings"),
      ])
      .where("p.id", "=", expertId)
      .where("p.active", "=", true)
      .where("u.disabled", "=", false),
);

export type BookingCheck = {
  calendar: ExpertCalendar;
  settings: ConsultSettings;
  active: number;
  expertUserId: number;
  enterpriseName: string | null;
};

const numbers = (text: string | null): number[] =>
  text ? (JSON.parse(`[${text}]`) as number[]) : [];

/**
 * Everything a new booking of `slot` checks, on the booking's transaction `tx`; null when the
 * expert is not bookable (no active profile, or the account is disabled).
 */
export async function bookingCheck(
  tx: Kysely<DB>,
  expertId: number,
  slot: number,
  enterpriseId: number,
  now: Date,
): Promise<BookingCheck | null> {
  // calendarAround's window: from = slot − 2 days, until = slot + 2 days; expertCalendar reads
  // bookings from a day before `from` and holidays from a day before `from` to a day after `until`.
  const from = slot - 2 * DAY_MS;
  const until = slot + 2 * DAY_MS;
  const row = await BOOKING_CHECK.first(
    tx,
    expertId,
    beijingDay(from - DAY_MS),
    beijingDay(until + DAY_MS),
    new Date(from - DAY_MS),
    new Date(until),
    enterpriseId,
    now,
  );
  if (!row) return null;
  const flat = numbers(row.rules);
  const rules: WeeklyRule[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3)
    rules.push({ weekday: flat[i]!, startMinute: flat[i + 1]!, endMinute: flat[i + 2]! });
  rules.sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  const holidays = new Map<string, HolidayKind>();
  if (row.holidays)
    for (const h of row.holidays.split(","))
      holidays.set(h.slice(0, 10), h.slice(11) === "WORKDAY" ? "WORKDAY" : "HOLIDAY");
  return {
    calendar: {
      slotMinutes: row.slotMinutes,
      bufferMinutes: row.bufferMinutes,
      dailyMax: row.dailyMax,
      rules,
      leaveDays: new Set(row.leave ? row.leave.split(",") : []),
      holidays,
      busy: parseBusy(row.busy),
    },
    settings: settingsFromJson(row.settings),
    active: Number(row.active),
    expertUserId: row.expertUserId,
    enterpriseName: row.enterpriseName,
  };
}
