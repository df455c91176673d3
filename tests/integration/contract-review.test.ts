// 合同审查 as document work (issue 18, decision 0022).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import { expertCalendar } from "#app/modules/booking/experts.server.ts";
import { checkAndStore } from "#app/modules/booking/upload.server.ts";
import { createReview, overdueReviewCount } from "#app/modules/booking/review.server.ts";
import { saveConsultSettings, CONSULT_DEFAULTS } from "#app/modules/booking/settings.server.ts";
import { beijingDay } from "#app/modules/booking/slots.ts";
import { changeBooking, rateBooking } from "#app/modules/booking/transitions.server.ts";
import { workbench } from "#app/modules/booking/workbench.server.ts";
import { markReadByLink } from "#app/modules/notifications/notifications.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { realPdf } from "../fixtures/booking/files.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-files-"));
beforeAll(() => {
  process.env.FILES_DIR = dir;
  resetEnvCache();
});
const admin = { id: 1, username: "admin", role: "ADMIN" };
const day = (n: number) =>
  new Date(Date.parse(`${beijingDay(Date.now())}T00:00:00Z`) + n * 86_400_000)
    .toISOString()
    .slice(0, 10);
const contract = () => {
  const s = checkAndStore([{ name: "采购合同.pdf", bytes: realPdf() }]);
  if (!s.ok) throw new Error(s.message);
  return s.stored;
};
const input = (expertId: number, topic = "设备采购合同") => ({
  expertId,
  topic,
  description: "签约前审查付款与违约条款",
  wishDate: day(10),
  contactName: "王经理",
  contactMobile: "13800000000",
});
async function request(
  e: Awaited<ReturnType<typeof makeEnterprise>>,
  expertId: number,
  topic?: string,
) {
  const r = await createReview(e.user, e.enterpriseId, input(expertId, topic), contract(), null);
  if (!r.ok) throw new Error(r.message);
  return r.id;
}

describe("contract review as document work", () => {
  it("goes request → accepted with a promised date → opinion → rating, holding no slot", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const id = await request(e, ex.expertId);
    const b = await db()
      .selectFrom("Booking")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(b).toMatchObject({ type: "CONTRACT_REVIEW", status: "REQUESTED", wishDate: day(10) });
    expect(b.slotHold).toMatch(/^review:/);
    // No slot is held: the expert's calendar has no busy time for it.
    const cal = await expertCalendar(ex.expertId, Date.now() - 86_400_000);
    expect(cal?.busy).toEqual([]);
    // An appointment-style confirm, a no-show and a reschedule do not apply to a review.
    expect(await changeBooking(ex.user, id, { action: "confirm" }, null)).toMatchObject({
      status: 409,
    });
    expect(
      await changeBooking(e.user, id, { action: "reschedule", slot: slotAt(3, 9) }, null),
    ).toMatchObject({ status: 409 });
    expect(
      await changeBooking(ex.user, id, { action: "accept", promisedDate: day(-1) }, null),
    ).toMatchObject({ ok: false, status: 400, message: "承诺完成日期不能早于今天" });
    expect(
      await changeBooking(ex.user, id, { action: "accept", promisedDate: day(8) }, null),
    ).toEqual({ ok: true });
    // Once accepted the enterprise can no longer withdraw it online.
    expect(
      await changeBooking(e.user, id, { action: "cancel", reason: "不需要了" }, null),
    ).toMatchObject({ status: 409 });
    const accepted = await db()
      .selectFrom("Booking")
      .select(["status", "promisedDate", "confirmedAt"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(accepted).toMatchObject({ status: "CONFIRMED", promisedDate: day(8) });
    expect(accepted.confirmedAt).not.toBeNull();
    const notice = await db()
      .selectFrom("Notification")
      .select(["title", "body"])
      .where("userId", "=", e.user.id)
      .executeTakeFirstOrThrow();
    expect(notice.title).toBe("合同审查已受理");
    expect(notice.body).toContain("前完成");
    expect(
      await changeBooking(
        ex.user,
        id,
        { action: "complete", opinion: "第七条违约金过高，建议调整。", file: null },
        null,
      ),
    ).toEqual({ ok: true });
    expect(await rateBooking(e.user, id, 5, "及时", null)).toEqual({ ok: true });
    expect(await rateBooking(e.user, id, 4, "", null)).toMatchObject({ status: 409 });
  });

  it("refuses a request without a contract or with a wished date in the past, storing nothing", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const none = await createReview(e.user, e.enterpriseId, input(ex.expertId), [], null);
    expect(none).toMatchObject({ ok: false, status: 400 });
    const files = contract();
    const past = await createReview(
      e.user,
      e.enterpriseId,
      { ...input(ex.expertId), wishDate: day(-3) },
      files,
      null,
    );
    expect(past).toMatchObject({ ok: false, status: 400, message: "期望完成日期不能早于今天" });
    expect(fs.readdirSync(dir)).not.toContain(files[0]!.storedName);
    // The slot booking no longer takes a contract review.
    const slot = await createBooking(
      e.user,
      e.enterpriseId,
      { ...details(ex.expertId, slotAt(3, 9)), type: "CONTRACT_REVIEW", mode: "" },
      [],
      null,
    );
    expect(slot).toMatchObject({ ok: false, status: 400 });
  });

  it("the expert's capacity of reviews in progress holds under simultaneous accepts", async () => {
    await saveConsultSettings(admin, null, { ...CONSULT_DEFAULTS, reviewCapacity: 2 });
    try {
      const ex = await makeExpert();
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push(await request(await makeEnterprise(), ex.expertId));
      // Six accepts at once (the expert and the office): two places, two winners.
      const results = await Promise.all(
        ids.map((id, i) =>
          changeBooking(
            i % 2 ? admin : ex.user,
            id,
            { action: "accept", promisedDate: day(5) },
            null,
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      for (const r of results.filter((r) => !r.ok))
        expect(r).toMatchObject({
          status: 409,
          message: expect.stringMatching(/已达上限（2 件）/),
        });
      const inProgress = await db()
        .selectFrom("Booking")
        .select((c) => c.fn.countAll<number>().as("n"))
        .where("expertId", "=", ex.expertId)
        .where("status", "=", "CONFIRMED")
        .executeTakeFirstOrThrow();
      expect(Number(inProgress.n)).toBe(2);
      // Finishing one frees a place.
      const done = results.findIndex((r) => r.ok);
      await changeBooking(
        ex.user,
        ids[done]!,
        { action: "complete", opinion: "意见", file: null },
        null,
      );
      const waiting = ids.filter((_, i) => !results[i]!.ok);
      expect(
        await changeBooking(ex.user, waiting[0]!, { action: "accept", promisedDate: day(6) }, null),
      ).toEqual({ ok: true });
    } finally {
      await saveConsultSettings(admin, null, CONSULT_DEFAULTS);
    }
  });

  it("the office (ADMIN) accepts or declines reviews, not appointments; both sides are told", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const id = await request(e, ex.expertId);
    expect(
      await changeBooking(admin, id, { action: "decline", reason: "超出服务范围" }, null),
    ).toEqual({ ok: true });
    const titles = await db()
      .selectFrom("Notification")
      .select(["userId", "title"])
      .where("link", "=", `/consult/bookings/${id}`)
      .where("title", "=", "合同审查未被受理")
      .execute();
    expect(titles.map((t) => t.userId).sort()).toEqual([e.user.id, ex.user.id].sort());
    const appt = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(3, 9)),
      [],
      null,
    );
    if (!appt.ok) throw new Error(appt.message);
    expect(await changeBooking(admin, appt.id, { action: "confirm" }, null)).toMatchObject({
      status: 409,
    });
  });

  it("overdue reviews are counted for ADMIN; the workbench queue puts reviews first by due date", async () => {
    const e = await makeEnterprise("逾期测试企业");
    const ex = await makeExpert();
    const late = await request(e, ex.expertId, "逾期合同");
    const soon = await request(e, ex.expertId, "较早合同");
    const appt = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(2, 9)),
      [],
      null,
    );
    if (!appt.ok) throw new Error(appt.message);
    await changeBooking(ex.user, late, { action: "accept", promisedDate: day(9) }, null);
    await changeBooking(ex.user, soon, { action: "accept", promisedDate: day(2) }, null);
    await changeBooking(ex.user, appt.id, { action: "confirm" }, null);
    const before = await overdueReviewCount();
    // The promise passes.
    await write((tx) =>
      tx
        .updateTable("Booking")
        .set({ promisedDate: day(-1) })
        .where("id", "=", late)
        .execute(),
    );
    expect(await overdueReviewCount()).toBe(before + 1);
    const open = await workbench(ex.user.id, "open", "", 1);
    expect(open.rows.map((r) => r.id)).toEqual([late, soon, appt.id]);
    expect(open.counts).toMatchObject({ pending: 0, open: 3, done: 0, all: 3 });
    const search = await workbench(ex.user.id, "all", "较早", 1);
    expect(search.rows.map((r) => r.id)).toEqual([soon]);
    expect((await workbench(ex.user.id, "all", "逾期测试", 1)).counts.all).toBe(3);
  });

  it("opening a booking marks its notices read for that user only", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const id = await request(e, ex.expertId);
    await changeBooking(admin, id, { action: "accept", promisedDate: day(4) }, null);
    const unread = (userId: number) =>
      db()
        .selectFrom("Notification")
        .select("id")
        .where("userId", "=", userId)
        .where("readAt", "is", null)
        .execute();
    expect((await unread(ex.user.id)).length).toBe(2);
    await markReadByLink(ex.user.id, `/consult/bookings/${id}`);
    expect(await unread(ex.user.id)).toEqual([]);
    expect((await unread(e.user.id)).length).toBe(1);
  });
});
