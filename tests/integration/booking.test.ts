import { describe, expect, it } from "vitest";
import { createBooking, SLOT_TAKEN } from "#app/modules/booking/bookings.server.ts";
import { saveConsultSettings, CONSULT_DEFAULTS } from "#app/modules/booking/settings.server.ts";
import { changeBooking, rateBooking } from "#app/modules/booking/transitions.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import {
  expertCalendar,
  getExpertCard,
  listBookableExperts,
  updateExpert,
} from "#app/modules/booking/experts.server.ts";
import { db, isUniqueViolation, write } from "#app/data/db.server.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";
import { countRows } from "./helpers.ts";

const admin = { id: 1, username: "admin" };

describe("booking rules", () => {
  it("the database refuses a second booking holding the same slot of an expert (unique index)", async () => {
    const { enterpriseId } = await makeEnterprise();
    const { expertId } = await makeExpert();
    const slot = slotAt(3, 10);
    const row = (topic: string) => ({
      enterpriseId,
      expertId,
      type: "CONSULTATION",
      startAt: new Date(slot),
      endAt: new Date(slot + 3600_000),
      slotHold: String(slot),
      status: "REQUESTED",
      topic,
      description: "x",
      contactName: "x",
      contactMobile: "13800000000",
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const insert = (topic: string) =>
      write((tx) => tx.insertInto("Booking").values(row(topic)).execute());
    await insert("first");
    const error = await insert("second").catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("50 simultaneous bookings of one slot give one booking and 49 '该时段已被预约'", async () => {
    const { expertId } = await makeExpert();
    // The enterprises one after another: 50 concurrent user inserts all bump RollupVersion's one
    // row (PostgreSQL serialisation retries), which is not what this test is about.
    const enterprises: Awaited<ReturnType<typeof makeEnterprise>>[] = [];
    for (let i = 0; i < 50; i++) enterprises.push(await makeEnterprise());
    const slot = slotAt(4, 9);
    const results = await Promise.all(
      enterprises.map((e) =>
        createBooking(e.user, e.enterpriseId, details(expertId, slot), [], null),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r).toMatchObject({ status: 409, message: SLOT_TAKEN });
    expect(await countRows("Booking", (q) => q.where("expertId", "=", expertId))).toBe(1);
  });

  it("refuses past, too-soon (lead time), too-far (horizon) and out-of-hours slots", async () => {
    const e = await makeEnterprise();
    const { expertId } = await makeExpert();
    const now = Date.now();
    const at = (slot: number) =>
      createBooking(e.user, e.enterpriseId, details(expertId, slot), [], null, new Date(now));
    expect(await at(slotAt(-1, 10, now))).toMatchObject({
      ok: false,
      message: "不能预约已经过去的时段",
    });
    expect(await at(now + 2 * 3600_000 - (now % 3600_000))).toMatchObject({
      ok: false,
      message: "请至少提前 24 小时预约",
    });
    expect(await at(slotAt(40, 10, now))).toMatchObject({
      ok: false,
      message: "只能预约 30 天以内的时段",
    });
    expect(await at(slotAt(3, 10, now) + 15 * 60_000)).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses a leave day", async () => {
    const e = await makeEnterprise();
    const { expertId } = await makeExpert();
    const slot = slotAt(5, 10);
    await write((tx) =>
      tx
        .insertInto("ExpertLeave")
        .values({ expertId, day: new Date(slot + 8 * 3600_000).toISOString().slice(0, 10) })
        .execute(),
    );
    expect(
      await createBooking(e.user, e.enterpriseId, details(expertId, slot), [], null),
    ).toMatchObject({ ok: false, status: 409 });
  });

  it("limits an enterprise to the maximum of active bookings (default 3)", async () => {
    const e = await makeEnterprise();
    const { expertId } = await makeExpert();
    for (const h of [9, 10, 11])
      expect(
        await createBooking(e.user, e.enterpriseId, details(expertId, slotAt(6, h)), [], null),
      ).toMatchObject({ ok: true });
    expect(
      await createBooking(e.user, e.enterpriseId, details(expertId, slotAt(6, 12)), [], null),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/最多 3 个/) });
  });

  it("takes the settings the action read in the same request instead of reading them again", async () => {
    const e = await makeEnterprise();
    const { expertId } = await makeExpert();
    const slot = details(expertId, slotAt(6, 9));
    const known = { ...CONSULT_DEFAULTS, maxActive: 0 };
    expect(
      await createBooking(e.user, e.enterpriseId, slot, [], null, new Date(), known),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/最多 0 个/) });
    const made = await createBooking(e.user, e.enterpriseId, slot, [], null);
    if (!made.ok) throw new Error(made.message);
    const row = await db()
      .selectFrom("Booking")
      .select(["status", "mode", "slotHold", "audienceSize", "trainingTopics"])
      .where("id", "=", made.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "REQUESTED",
      slotHold: String(slotAt(6, 9)),
      audienceSize: null,
      trainingTopics: null,
    });
  });

  it("the enterprise cannot cancel within the cut-off (12 h before), but can before it", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const slot = slotAt(3, 10);
    const r = await createBooking(e.user, e.enterpriseId, details(ex.expertId, slot), [], null);
    if (!r.ok) throw new Error(r.message);
    const late = new Date(slot - 11 * 3600_000);
    expect(
      await changeBooking(e.user, r.id, { action: "cancel", reason: "临时有事" }, null, late),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/不足 12 小时/) });
    expect(
      await changeBooking(
        e.user,
        r.id,
        { action: "cancel", reason: "临时有事" },
        null,
        new Date(slot - 13 * 3600_000),
      ),
    ).toEqual({ ok: true });
    const b = await db()
      .selectFrom("Booking")
      .select(["status", "slotHold", "cancelledBy"])
      .where("id", "=", r.id)
      .executeTakeFirstOrThrow();
    expect(b).toEqual({ status: "CANCELLED", slotHold: `free:${r.id}`, cancelledBy: "ENTERPRISE" });
    // The slot is free again.
    const other = await makeEnterprise();
    expect(
      await createBooking(other.user, other.enterpriseId, details(ex.expertId, slot), [], null),
    ).toMatchObject({ ok: true });
  });

  it("walks requested → confirmed → completed → rated, with an audit row and a notice for every step", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(7, 15)),
      [],
      null,
    );
    if (!r.ok) throw new Error(r.message);
    expect(await changeBooking(e.user, r.id, { action: "confirm" }, null)).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await changeBooking(ex.user, r.id, { action: "confirm" }, null)).toEqual({ ok: true });
    expect(await changeBooking(ex.user, r.id, { action: "confirm" }, null)).toMatchObject({
      ok: false,
      message: "当前状态下不能进行此操作",
    });
    expect(await changeBooking(ex.user, r.id, { action: "no-show" }, null)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/开始后/),
    });
    expect(await rateBooking(e.user, r.id, 5, "", null)).toMatchObject({
      ok: false,
      message: "咨询完成后才能评价",
    });
    expect(
      await changeBooking(
        ex.user,
        r.id,
        { action: "complete", opinion: "合同第三条需修改。", file: null },
        null,
      ),
    ).toEqual({ ok: true });
    expect(await rateBooking(e.user, r.id, 4, "专业", null)).toEqual({ ok: true });
    expect(await rateBooking(e.user, r.id, 5, "", null)).toMatchObject({
      ok: false,
      message: "您已评价过本次服务",
    });
    const audit = await db()
      .selectFrom("AuditLog")
      .select("action")
      .where("objectType", "=", "booking")
      .where("objectId", "=", String(r.id))
      .orderBy("id", "asc")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "BOOKING_CREATE",
      "BOOKING_CONFIRM",
      "BOOKING_COMPLETE",
      "BOOKING_RATE",
    ]);
    const toEnterprise = await db()
      .selectFrom("Notification")
      .select("title")
      .where("userId", "=", e.user.id)
      .orderBy("id", "asc")
      .execute();
    expect(toEnterprise.map((n) => n.title)).toEqual(["预约已确认", "咨询已完成，专家意见已出具"]);
    expect(await countRows("Notification", (q) => q.where("userId", "=", ex.user.id))).toBe(1);
  });

  it("rescheduling moves the slot hold and asks the expert again; the old slot is free", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const from = slotAt(8, 9);
    const r = await createBooking(e.user, e.enterpriseId, details(ex.expertId, from), [], null);
    if (!r.ok) throw new Error(r.message);
    await changeBooking(ex.user, r.id, { action: "confirm" }, null);
    expect(
      await changeBooking(e.user, r.id, { action: "reschedule", slot: slotAt(8, 14) }, null),
    ).toEqual({ ok: true });
    expect(
      await db()
        .selectFrom("Booking")
        .select(["status", "slotHold"])
        .where("id", "=", r.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "REQUESTED", slotHold: String(slotAt(8, 14)) });
    const other = await makeEnterprise();
    expect(
      await createBooking(other.user, other.enterpriseId, details(ex.expertId, from), [], null),
    ).toMatchObject({ ok: true });
  });

  it("a booking is visible to its enterprise, its expert and ADMIN only (IDOR)", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(9, 10)),
      [],
      null,
    );
    if (!r.ok) throw new Error(r.message);
    const otherEnterprise = await makeEnterprise();
    const otherExpert = await makeExpert();
    expect(await getBookingFor({ id: e.user.id, role: "ENTERPRISE" }, r.id)).not.toBeNull();
    expect(await getBookingFor({ id: ex.user.id, role: "EXPERT" }, r.id)).not.toBeNull();
    expect(await getBookingFor({ id: 999_999, role: "ADMIN" }, r.id)).not.toBeNull();
    expect(
      await getBookingFor({ id: otherEnterprise.user.id, role: "ENTERPRISE" }, r.id),
    ).toBeNull();
    expect(await getBookingFor({ id: otherExpert.user.id, role: "EXPERT" }, r.id)).toBeNull();
    for (const role of ["STAFF", "MANAGER", "AUDITOR"])
      expect(await getBookingFor({ id: e.user.id, role }, r.id)).toBeNull();
    expect(await changeBooking(otherExpert.user, r.id, { action: "confirm" }, null)).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(
      await changeBooking(otherEnterprise.user, r.id, { action: "cancel", reason: "x" }, null),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await rateBooking(otherEnterprise.user, r.id, 1, "", null)).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("an expert the ADMIN set to not accept bookings disappears from the list and cannot be booked", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    await updateExpert(admin, null, ex.expertId, {
      name: "停用专家",
      title: "律师",
      organisation: "测试律所",
      specialties: ["合同"],
      bio: "",
      active: false,
    });
    expect((await listBookableExperts()).some((x) => x.id === ex.expertId)).toBe(false);
    expect(
      await createBooking(e.user, e.enterpriseId, details(ex.expertId, slotAt(3, 10)), [], null),
    ).toMatchObject({ ok: false, status: 404 });
  });

  it("an expert whose user account is disabled is not listed, has no slots and cannot be booked", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    expect(await expertCalendar(ex.expertId, Date.now())).not.toBeNull();
    await write((tx) =>
      tx.updateTable("User").set({ disabled: true }).where("id", "=", ex.user.id).execute(),
    );
    expect((await listBookableExperts()).some((x) => x.id === ex.expertId)).toBe(false);
    expect(await getExpertCard(ex.expertId)).toBeNull();
    expect(await expertCalendar(ex.expertId, Date.now())).toBeNull();
    expect(
      await createBooking(e.user, e.enterpriseId, details(ex.expertId, slotAt(3, 10)), [], null),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await countRows("Booking", (q) => q.where("expertId", "=", ex.expertId))).toBe(0);
  });

  it("settings change the rules: a 2-active quota", async () => {
    await saveConsultSettings(admin, null, { ...CONSULT_DEFAULTS, maxActive: 2 });
    const e = await makeEnterprise();
    const { expertId } = await makeExpert();
    for (const h of [9, 10])
      expect(
        await createBooking(e.user, e.enterpriseId, details(expertId, slotAt(10, h)), [], null),
      ).toMatchObject({ ok: true });
    expect(
      await createBooking(e.user, e.enterpriseId, details(expertId, slotAt(10, 11)), [], null),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/最多 2 个/) });
    await saveConsultSettings(admin, null, CONSULT_DEFAULTS);
  });
});
