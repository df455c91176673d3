import { afterEach, describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import { MeetingSchema } from "#app/modules/booking/calendar-schemas.ts";
import { calendarAround, expertCalendar } from "#app/modules/booking/expert-calendar.server.ts";
import { removeHoliday, saveHolidays } from "#app/modules/booking/holidays.server.ts";
import { answerProposal, proposeTime, saveMeeting } from "#app/modules/booking/proposals.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { beijingDay, computeSlots } from "#app/modules/booking/slots.ts";
import { changeBooking } from "#app/modules/booking/transitions.server.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";
import { countRows } from "./helpers.ts";

const admin = { id: 1, username: "admin" };

async function booked() {
  const e = await makeEnterprise();
  const x = await makeExpert();
  const slot = slotAt(3, 10);
  const r = await createBooking(e.user, e.enterpriseId, details(x.expertId, slot), [], null);
  if (!r.ok) throw new Error(r.message);
  return { e, x, slot, id: r.id };
}

const audits = (action: string, id: number) =>
  countRows("AuditLog", (q) => q.where("action", "=", action).where("objectId", "=", String(id)));

describe("holiday calendar", () => {
  const day = beijingDay(slotAt(5, 0));
  afterEach(async () => {
    await removeHoliday(admin, null, day);
  });

  it("a holiday entered by ADMIN removes the day's slots, and booking it is refused", async () => {
    const { expertId } = await makeExpert();
    const { user, enterpriseId } = await makeEnterprise();
    const s = await consultSettings();
    const free = async () => {
      const cal = await expertCalendar(expertId, Date.now());
      return computeSlots(cal!, s, Date.now()).some((d) => d.day === day);
    };
    expect(await free()).toBe(true);
    await saveHolidays(admin, null, [{ day, kind: "HOLIDAY", name: "测试假日" }], "HOLIDAY_ADD");
    expect(await free()).toBe(false);
    const r = await createBooking(user, enterpriseId, details(expertId, slotAt(5, 10)), [], null);
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(await countRows("AuditLog", (q) => q.where("action", "=", "HOLIDAY_ADD"))).toBe(1);
  });
});

describe("the expert proposes another time", () => {
  it("the enterprise accepts: the booking moves there and is confirmed; both notified, audited", async () => {
    const { e, x, id } = await booked();
    const to = slotAt(4, 15);
    expect(await proposeTime(x.user, id, to, null)).toEqual({ ok: true });
    expect(await audits("BOOKING_PROPOSE", id)).toBe(1);
    expect(
      await countRows("Notification", (q) =>
        q.where("userId", "=", e.user.id).where("title", "=", "专家建议调整预约时间"),
      ),
    ).toBe(1);
    expect(await answerProposal(e.user, id, true, null)).toEqual({ ok: true });
    const b = await getBookingFor(e.user, id);
    expect(b).toMatchObject({ status: "CONFIRMED", proposedStart: null });
    expect(b!.startAt.getTime()).toBe(to);
    expect(b!.endAt.getTime()).toBe(to + 3600_000);
    expect(await audits("BOOKING_PROPOSAL_ACCEPT", id)).toBe(1);
    expect(
      await countRows("Notification", (q) =>
        q.where("userId", "=", x.user.id).where("title", "=", "企业已接受新时间"),
      ),
    ).toBe(1);
  });

  it("the enterprise declines: the booking stays at its time and state", async () => {
    const { e, x, id, slot } = await booked();
    await proposeTime(x.user, id, slotAt(4, 15), null);
    expect(await answerProposal(e.user, id, false, null)).toEqual({ ok: true });
    const b = await getBookingFor(e.user, id);
    expect(b).toMatchObject({ status: "REQUESTED", proposedStart: null });
    expect(b!.startAt.getTime()).toBe(slot);
    expect(await audits("BOOKING_PROPOSAL_DECLINE", id)).toBe(1);
  });

  it("only the expert proposes, only a free slot, only the enterprise answers", async () => {
    const { e, x, id, slot } = await booked();
    expect(await proposeTime(e.user, id, slotAt(4, 15), null)).toMatchObject({ status: 404 });
    expect(await proposeTime(x.user, id, slot, null)).toMatchObject({ status: 400 });
    const other = await makeExpert();
    expect(await proposeTime(other.user, id, slotAt(4, 15), null)).toMatchObject({ status: 404 });
    expect(await proposeTime(x.user, id, Date.now() - 3600_000, null)).toMatchObject({
      status: 400,
    });
    expect(await answerProposal(x.user, id, true, null)).toMatchObject({ status: 404 });
    expect(await answerProposal(e.user, id, true, null)).toMatchObject({
      status: 409,
      message: "没有待答复的新时间建议",
    });
  });

  it("the proposed slot taken by someone else before acceptance: a clear 409, booking unchanged", async () => {
    const { e, x, id, slot } = await booked();
    const to = slotAt(4, 15);
    await proposeTime(x.user, id, to, null);
    const rival = await makeEnterprise();
    expect(
      (await createBooking(rival.user, rival.enterpriseId, details(x.expertId, to), [], null)).ok,
    ).toBe(true);
    const r = await answerProposal(e.user, id, true, null);
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(!r.ok && r.message).toContain("已被他人预约");
    const b = await getBookingFor(e.user, id);
    expect(b!.startAt.getTime()).toBe(slot);
    expect(b!.status).toBe("REQUESTED");
  });

  it("accepting races a new booking of the proposed slot: exactly one wins (slot uniqueness)", async () => {
    const { e, x, id } = await booked();
    const to = slotAt(4, 16);
    await proposeTime(x.user, id, to, null);
    const rivals = await Promise.all(Array.from({ length: 10 }, () => makeEnterprise()));
    const results = await Promise.all([
      answerProposal(e.user, id, true, null),
      ...rivals.map((r) =>
        createBooking(r.user, r.enterpriseId, details(x.expertId, to), [], null),
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ status: 409 });
    const holders = await db()
      .selectFrom("Booking")
      .select("id")
      .where("expertId", "=", x.expertId)
      .where("slotHold", "=", String(to))
      .execute();
    expect(holders).toHaveLength(1);
  });

  it("an enterprise reschedule clears a pending proposal", async () => {
    const { e, x, id } = await booked();
    await proposeTime(x.user, id, slotAt(4, 15), null);
    expect(
      await changeBooking(e.user, id, { action: "reschedule", slot: slotAt(6, 9) }, null),
    ).toEqual({
      ok: true,
    });
    expect((await getBookingFor(e.user, id))!.proposedStart).toBeNull();
  });
});

describe("meeting link / dial-in", () => {
  it("validates the link and the dial-in text", () => {
    const ok = MeetingSchema.safeParse({
      meetingUrl: "https://meeting.example.cn/j/123",
      meetingDialIn: "010-12345678 转 8001",
    });
    expect(ok.success).toBe(true);
    for (const meetingUrl of [
      "javascript:alert(1)",
      "ftp://x.cn/a",
      "https://u:p@x.cn/",
      "https://x",
      "x".repeat(501),
    ])
      expect(MeetingSchema.safeParse({ meetingUrl, meetingDialIn: "" }).success).toBe(false);
    for (const meetingDialIn of ["1234", "<b>12345678</b>", "1".repeat(101), "123\n45678"])
      expect(MeetingSchema.safeParse({ meetingUrl: "", meetingDialIn }).success).toBe(false);
    expect(
      MeetingSchema.safeParse({ meetingUrl: "", meetingDialIn: "", role: "ADMIN" }).success,
    ).toBe(false);
  });

  it("is shown to the enterprise only after confirmation", async () => {
    const { e, x, id } = await booked();
    const url = "https://meeting.example.cn/j/123456";
    expect(await saveMeeting(x.user, id, { meetingUrl: url, meetingDialIn: "" }, null)).toEqual({
      ok: true,
    });
    expect((await getBookingFor(x.user, id))!.meetingUrl).toBe(url);
    expect((await getBookingFor(e.user, id))!.meetingUrl).toBeNull();
    await changeBooking(x.user, id, { action: "confirm" }, null);
    expect((await getBookingFor(e.user, id))!.meetingUrl).toBe(url);
    expect(await audits("BOOKING_MEETING", id)).toBe(1);
  });

  it("is refused for an in-person consultation", async () => {
    const e = await makeEnterprise();
    const x = await makeExpert();
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      { ...details(x.expertId, slotAt(3, 11)), mode: "IN_PERSON" },
      [],
      null,
    );
    if (!r.ok) throw new Error(r.message);
    expect(
      await saveMeeting(x.user, r.id, { meetingUrl: "https://a.cn/x", meetingDialIn: "" }, null),
    ).toMatchObject({ status: 409 });
  });
});

describe("the expert's busy times", () => {
  it("hold exactly the bookings holding time (not declined, cancelled or contract reviews), each with its own length", async () => {
    const { e, x, slot, id } = await booked();
    const later = slotAt(4, 14);
    const second = await createBooking(
      e.user,
      e.enterpriseId,
      details(x.expertId, later),
      [],
      null,
    );
    if (!second.ok) throw new Error(second.message);
    // A booking made under another slot length keeps its own end (45 minutes here).
    await db()
      .updateTable("Booking")
      .set({ endAt: new Date(later + 45 * 60_000) })
      .where("id", "=", second.id)
      .execute();
    const busy = async () =>
      (await expertCalendar(x.expertId, Date.now()))!.busy
        .map((b) => [b.startAt, b.endAt])
        .sort((a, b) => a[0]! - b[0]!);
    const { slotMinutes } = (await expertCalendar(x.expertId, Date.now()))!;
    expect(await busy()).toEqual([
      [slot, slot + slotMinutes * 60_000],
      [later, later + 45 * 60_000],
    ]);
    await db().updateTable("Booking").set({ status: "CANCELLED" }).where("id", "=", id).execute();
    expect(await busy()).toEqual([[later, later + 45 * 60_000]]);
    await db()
      .updateTable("Booking")
      .set({ status: "DECLINED" })
      .where("id", "=", second.id)
      .execute();
    expect(await busy()).toEqual([]);
  });
});

describe("the booking check's calendar (calendarAround)", () => {
  it("reads only the bookings from two days before the slot to two days after, and still refuses a clash across midnight and a full day", async () => {
    const e = await makeEnterprise();
    const x = await makeExpert({ bufferMinutes: 30, dailyMax: 2 });
    const book = async (slot: number) =>
      createBooking(e.user, e.enterpriseId, details(x.expertId, slot), [], null);
    // Slots every 90 minutes from 00:00 (60 minutes and a 30-minute buffer).
    const early = slotAt(2, 9);
    const lateEvening = slotAt(12, 22) + 30 * 60_000;
    const ids: number[] = [];
    for (const slot of [early, lateEvening]) {
      const r = await book(slot);
      if (!r.ok) throw new Error(r.message);
      ids.push(r.id);
    }
    // The evening's booking runs to 23:45 (made under another slot length).
    await db()
      .updateTable("Booking")
      .set({ endAt: new Date(lateEvening + 75 * 60_000) })
      .where("id", "=", ids[1]!)
      .execute();
    const around = async (slot: number) =>
      (await calendarAround(x.expertId, slot, db()))!.busy.map((b) => b.startAt).sort();
    // Ten days after the first booking: only the one of the evening before is read.
    expect(await around(slotAt(13, 0))).toEqual([lateEvening]);
    expect(await around(slotAt(4, 9))).toEqual([early]);
    // 00:00 the next day lies within the 30-minute buffer after 22:30–23:45: taken.
    expect(await book(slotAt(13, 0))).toMatchObject({ ok: false, status: 409 });
    // The daily maximum (2) counts the day's bookings: a third one that day is refused.
    expect((await book(slotAt(12, 9))).ok).toBe(true);
    expect(await book(slotAt(12, 15))).toMatchObject({ ok: false, status: 409 });
  });
});

describe("the expert's busy times kept per process (busyVersion)", () => {
  it("are reused while the expert's busy version stands, and every booking change shows at the next read", async () => {
    const { e, x, slot, id } = await booked();
    const other = await makeExpert();
    const version = async (expertId: number) =>
      (
        await db()
          .selectFrom("ExpertProfile")
          .select("busyVersion")
          .where("id", "=", expertId)
          .executeTakeFirstOrThrow()
      ).busyVersion;
    const starts = async (expertId = x.expertId) =>
      (await expertCalendar(expertId, Date.now()))!.busy.map((b) => b.startAt).sort();
    expect(await starts()).toEqual([slot]);
    // Kept: a change made behind the version's back (the version set back) is not seen...
    const v = await version(x.expertId);
    const later = slotAt(5, 10);
    const r = await createBooking(e.user, e.enterpriseId, details(x.expertId, later), [], null);
    if (!r.ok) throw new Error(r.message);
    expect(await version(x.expertId)).toBe(v + 1);
    await db()
      .updateTable("ExpertProfile")
      .set({ busyVersion: v })
      .where("id", "=", x.expertId)
      .execute();
    expect(await starts()).toEqual([slot]);
    // ...and with the version the trigger gives it, it is.
    await db()
      .updateTable("ExpertProfile")
      .set({ busyVersion: v + 1 })
      .where("id", "=", x.expertId)
      .execute();
    expect(await starts()).toEqual([slot, later].sort());
    // Each kind of booking change bumps the version and shows at the next read.
    const change = async (set: Record<string, unknown>, bookingId = r.id) => {
      const before = await version(x.expertId);
      await db().updateTable("Booking").set(set).where("id", "=", bookingId).execute();
      expect(await version(x.expertId)).toBeGreaterThan(before);
    };
    await change({ status: "CANCELLED" });
    expect(await starts()).toEqual([slot]);
    await change({ status: "REQUESTED" });
    const moved = slotAt(6, 11);
    await change({ startAt: new Date(moved), endAt: new Date(moved + 3600_000) });
    expect(await starts()).toEqual([slot, moved].sort());
    // Moved to another expert: gone from this one's, shown in the other's.
    expect(await starts(other.expertId)).toEqual([]);
    await change({ expertId: other.expertId });
    expect(await starts()).toEqual([slot]);
    expect(await starts(other.expertId)).toEqual([moved]);
    const before = await version(x.expertId);
    await db().deleteFrom("Booking").where("id", "=", id).execute();
    expect(await version(x.expertId)).toBe(before + 1);
    expect(await starts()).toEqual([]);
  });
});
