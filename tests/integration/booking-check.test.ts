import { afterEach, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { BOOKING_CHECK, bookingCheck } from "#app/modules/booking/booking-check.server.ts";
import { createBooking, quotaAndNames } from "#app/modules/booking/bookings.server.ts";
import { calendarAround } from "#app/modules/booking/expert-calendar.server.ts";
import { removeHoliday, saveHolidays } from "#app/modules/booking/holidays.server.ts";
import {
  CONSULT_DEFAULTS,
  CONSULT_ROWS,
  consultSettings,
  saveConsultSettings,
} from "#app/modules/booking/settings.server.ts";
import { beijingDay, type ExpertCalendar } from "#app/modules/booking/slots.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";
import { updateUser } from "./helpers.ts";

// The booking POST's one read (decision 0014, session 12) must see exactly what the five reads
// it replaced saw: calendarAround's calendar, quotaAndNames' count and names, consultSettings.

const admin = { id: 1, username: "admin" };
const DAY = 86_400_000;
const sorted = (c: ExpertCalendar) => ({
  ...c,
  busy: [...c.busy].sort((a, b) => a.startAt - b.startAt),
});

describe("the booking check's single read", () => {
  const slot = slotAt(8, 10);
  const days = [-4, -3, -1, 0, 2, 3, 4].map((d) => beijingDay(slot + d * DAY));
  afterEach(async () => {
    for (const day of days) await removeHoliday(admin, null, day);
    await saveConsultSettings(admin, null, CONSULT_DEFAULTS);
  });

  it("reads the calendar, quota, names and settings the separate reads return", async () => {
    const x = await makeExpert();
    const e = await makeEnterprise("核对企业");
    // Bookings first (a leave day or holiday refuses them): by other enterprises around the slot and far from it; one of ours, one cancelled.
    for (const at of [slot - 3 * DAY + 3600_000, slot - DAY, slot + 3600_000, slot + 6 * DAY]) {
      const other = await makeEnterprise();
      const r = await createBooking(
        other.user,
        other.enterpriseId,
        details(x.expertId, at),
        [],
        null,
      );
      if (!r.ok) throw new Error(`${at}: ${r.message}`);
    }
    const ours = await createBooking(
      e.user,
      e.enterpriseId,
      details(x.expertId, slot - 2 * DAY),
      [],
      null,
    );
    if (!ours.ok) throw new Error(ours.message);
    const cancelled = await createBooking(
      e.user,
      e.enterpriseId,
      details(x.expertId, slot + 2 * 3600_000),
      [],
      null,
    );
    if (!cancelled.ok) throw new Error(cancelled.message);
    await write((tx) =>
      tx
        .updateTable("Booking")
        .set({ status: "CANCELLED" })
        .where("id", "=", cancelled.id)
        .execute(),
    );
    await write(async (tx) => {
      // A second rule on a day, out of order: the rules come back sorted as before.
      await tx
        .insertInto("AvailabilityRule")
        .values({ expertId: x.expertId, weekday: 3, startMinute: 60, endMinute: 120 })
        .execute();
      await tx
        .insertInto("ExpertLeave")
        .values([
          { expertId: x.expertId, day: days[1]! },
          { expertId: x.expertId, day: beijingDay(slot + 20 * DAY) },
        ])
        .execute();
    });
    // Holidays inside the window (a day before its start to a day after its end) and outside.
    await saveHolidays(
      admin,
      null,
      [
        { day: days[0]!, kind: "HOLIDAY", name: "窗口外" },
        { day: days[2]!, kind: "WORKDAY", name: "调休" },
        { day: days[4]!, kind: "HOLIDAY", name: "假日" },
        { day: days[5]!, kind: "HOLIDAY", name: "窗口边" },
        { day: days[6]!, kind: "HOLIDAY", name: "窗口外" },
      ],
      "HOLIDAY_ADD",
    );
    await saveConsultSettings(admin, null, { ...CONSULT_DEFAULTS, maxActive: 7, leadHours: 12 });

    const now = new Date();
    const [check, cal, q] = await write(async (tx) => [
      await bookingCheck(tx, x.expertId, slot, e.enterpriseId, now),
      await calendarAround(x.expertId, slot, tx),
      await quotaAndNames(tx, e.enterpriseId, x.expertId, now),
    ]);
    if (!check || !cal) throw new Error("no calendar");
    expect(sorted(check.calendar)).toEqual(sorted(cal));
    expect(check.calendar.busy).toHaveLength(4);
    expect(check.calendar.rules.filter((r) => r.weekday === 3)).toEqual([
      { weekday: 3, startMinute: 0, endMinute: 1440 },
      { weekday: 3, startMinute: 60, endMinute: 120 },
    ]);
    expect(check.calendar.holidays).toEqual(
      new Map([
        [days[2]!, "WORKDAY"],
        [days[4]!, "HOLIDAY"],
        [days[5]!, "HOLIDAY"],
      ]),
    );
    expect(check.calendar.leaveDays.size).toBe(2);
    expect(check.settings).toEqual(await consultSettings());
    expect(check.settings).toMatchObject({ maxActive: 7, leadHours: 12 });
    expect(check).toMatchObject({
      active: Number(q.active),
      expertUserId: q.expertUserId,
      enterpriseName: q.enterpriseName,
    });
    expect(check.active).toBe(1);
    expect(check.enterpriseName).toBe("核对企业");
  });

  it("an expert without rules, leave, holidays, bookings or settings rows reads empty parts", async () => {
    const x = await makeExpert();
    const e = await makeEnterprise();
    await write((tx) =>
      tx.deleteFrom("AvailabilityRule").where("expertId", "=", x.expertId).execute(),
    );
    await write((tx) => tx.deleteFrom("Setting").where("key", "like", "consult.%").execute());
    const check = await write((tx) =>
      bookingCheck(tx, x.expertId, slot, e.enterpriseId, new Date()),
    );
    expect(check).toMatchObject({ active: 0, settings: CONSULT_DEFAULTS });
    expect(check?.calendar).toMatchObject({ rules: [], busy: [], leaveDays: new Set() });
  });

  it("a disabled expert's account or an inactive profile is not bookable (null)", async () => {
    const e = await makeEnterprise();
    const a = await makeExpert();
    await updateUser(a.user.id, { disabled: true });
    expect(
      await write((tx) => bookingCheck(tx, a.expertId, slot, e.enterpriseId, new Date())),
    ).toBeNull();
    const b = await makeExpert();
    await write((tx) =>
      tx.updateTable("ExpertProfile").set({ active: false }).where("id", "=", b.expertId).execute(),
    );
    expect(
      await write((tx) => bookingCheck(tx, b.expertId, slot, e.enterpriseId, new Date())),
    ).toBeNull();
  });

  it("reads the settings with a literal LIKE pattern: a bound one makes SQLite prepare the statement on every run", () => {
    const rows = CONSULT_ROWS.query(db());
    expect(rows.parameters).toEqual([]);
    expect(rows.sql).toContain("like 'consult.%'");
    const check = BOOKING_CHECK.query(
      db(),
      1,
      "2027-01-01",
      "2027-01-07",
      new Date(),
      new Date(),
      1,
      new Date(),
    );
    expect(check.sql).toContain("like 'consult.%'");
    expect(check.parameters).not.toContain("consult.%");
  });
});
