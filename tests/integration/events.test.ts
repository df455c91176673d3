import { describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import {
  checkInWithQr,
  codeAge,
  qrCode,
  rollCall,
  windowOf,
  WINDOW_MS,
} from "#app/modules/events/checkin.server.ts";
import {
  createEvent,
  getEvent,
  inAudience,
  staffEvents,
} from "#app/modules/events/events.server.ts";
import { getRecord, parseCitations, saveRecord } from "#app/modules/events/record.server.ts";
import { eventReport } from "#app/modules/events/report.server.ts";
import { CreateEventSchema } from "#app/modules/events/schemas.ts";
import { cancelSignup, signUp } from "#app/modules/events/signup.server.ts";
import { annualStatement } from "#app/modules/learning/certificates.server.ts";
import { myLearning } from "#app/modules/learning/my-learning.server.ts";
import { makeUnit, makeUser } from "./helpers.ts";

const HOUR = 3600_000;
const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

async function setup(kind = "LECTURE", capacity = "2", extra: Record<string, string> = {}) {
  const unit = await makeUnit("活动测试单位", null);
  const other = await makeUnit("其他单位", null);
  const manager = await makeUser({ role: "MANAGER", orgUnitId: unit.id });
  const actor = { ...manager, role: "MANAGER", orgUnitPath: unit.path };
  // Start in 2 hours; the minute is truncated by datetime-local, so compute from it.
  const start = Math.ceil((Date.now() + 2 * HOUR) / 60_000) * 60_000;
  const input = CreateEventSchema.parse({
    kind,
    title: "行政处罚法专题讲座",
    scholars: "张明 法学院教授",
    startsAt: local(start),
    endsAt: local(start + 2 * HOUR),
    room: "三楼会议室",
    capacity,
    creditHours: "2",
    audience: "TARGETED",
    unitCodes: unit.code,
    ...(kind === "CASE_STUDY" ? { caseMaterials: "某局罚款案", questions: "程序是否合法？" } : {}),
    ...extra,
  });
  const created = await createEvent(actor, null, input);
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const event = (await getEvent(created.id))!;
  const staff = async (orgUnitId = unit.id) => ({
    ...(await makeUser({ orgUnitId })),
    orgUnitPath: orgUnitId === unit.id ? unit.path : other.path,
  });
  return { unit, other, actor, event, staff, start };
}

describe("events (issue 20): create, audience, sign-up and waitlist", () => {
  it("refuses an end before the start, capacity 0 and 学时 outside 0.5-16, in Chinese", () => {
    const r = CreateEventSchema.safeParse({
      kind: "LECTURE",
      title: "x",
      startsAt: "2026-12-08T14:00",
      endsAt: "2026-12-08T13:00",
      room: "a",
      capacity: "0",
      creditHours: "40",
      audience: "OPEN",
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message).join("|");
    expect(messages).toContain("名额应在 1 到 5000 之间");
    expect(messages).toContain("学时应在 0.5 到 16 之间");
    const r2 = CreateEventSchema.safeParse({
      kind: "LECTURE",
      title: "x",
      startsAt: "2026-02-30T14:00",
      endsAt: "2026-12-08T13:00",
      room: "a",
      capacity: "1",
      creditHours: "1",
      audience: "OPEN",
    });
    expect(r2.error!.issues.map((i) => i.message)).toContain("开始时间不是有效的时间");
  });

  it("shows a unit's event to its staff only", async () => {
    const { event, staff, other } = await setup();
    const mine = await staff();
    const outsider = await staff(other.id);
    expect(await inAudience(mine, event.id)).toBe(true);
    expect(await inAudience(outsider, event.id)).toBe(false);
    expect((await staffEvents(mine, new Date())).map((e) => e.id)).toContain(event.id);
    expect((await staffEvents(outsider, new Date())).map((e) => e.id)).not.toContain(event.id);
  });

  it("gives the last seat to one of many simultaneous sign-ups and waitlists the rest", async () => {
    const { event, staff } = await setup("LECTURE", "3");
    const people = await Promise.all(Array.from({ length: 12 }, () => staff()));
    const results = await Promise.all(people.map((p) => signUp(p, event.id, null)));
    expect(results.filter((r) => r.ok && r.status === "CONFIRMED")).toHaveLength(3);
    expect(results.filter((r) => r.ok && r.status === "WAITLIST")).toHaveLength(9);
    const rows = await db()
      .selectFrom("EventSignup")
      .select("status")
      .where("eventId", "=", event.id)
      .execute();
    expect(rows.filter((r) => r.status === "CONFIRMED")).toHaveLength(3);
  });

  it("moves the waitlist up on cancellation: two simultaneous cancellations promote the first two, once each", async () => {
    const { event, staff } = await setup("LECTURE", "2");
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => staff()));
    for (const p of [a!, b!, c!, d!, e!]) await signUp(p, event.id, null);
    const results = await Promise.all([
      cancelSignup(a!, event.id, null),
      cancelSignup(b!, event.id, null),
    ]);
    const promoted = results.map((r) => (r.ok ? r.promoted : null)).sort();
    expect(promoted).toEqual([c!.id, d!.id].sort());
    const rows = await db()
      .selectFrom("EventSignup")
      .select(["userId", "status"])
      .where("eventId", "=", event.id)
      .orderBy("userId")
      .execute();
    expect(
      rows
        .filter((r) => r.status === "CONFIRMED")
        .map((r) => r.userId)
        .sort(),
    ).toEqual([c!.id, d!.id].sort());
    expect(rows.find((r) => r.userId === e!.id)?.status).toBe("WAITLIST");
    const notices = await db()
      .selectFrom("Notification")
      .select("userId")
      .where("kind", "=", "EVENT_PROMOTED")
      .where("userId", "in", [c!.id, d!.id, e!.id])
      .execute();
    expect(notices).toHaveLength(2);
  });
});

describe("QR check-in (issue 20): 30-second codes, once per person", () => {
  it("accepts the current and the previous window's code and refuses one from two windows ago", async () => {
    const { event, staff, start } = await setup();
    const now = new Date(start + 5 * 60_000);
    const w = windowOf(now);
    expect(codeAge(event, qrCode(event, w), now)).toBe(0);
    expect(codeAge(event, qrCode(event, w - 1), now)).toBe(1);
    expect(codeAge(event, qrCode(event, w - 2), now)).toBeNull();
    const p = await staff();
    const old = await checkInWithQr(p, event, qrCode(event, w - 2), null, now);
    expect(old).toMatchObject({ ok: false, status: 422 });
    expect(old.ok ? "" : old.message).toContain("二维码已过期");
    const ok = await checkInWithQr(p, event, qrCode(event, w), null, now);
    expect(ok).toMatchObject({ ok: true, already: false, creditHours: 2 });
  });

  it("refuses a valid code outside the check-in period", async () => {
    const { event, staff, start } = await setup();
    const early = new Date(start - HOUR);
    const r = await checkInWithQr(
      await staff(),
      event,
      qrCode(event, windowOf(early)),
      null,
      early,
    );
    expect(r).toMatchObject({ ok: false, status: 409, message: "签到尚未开始" });
    const late = new Date(start + 3 * HOUR);
    const r2 = await checkInWithQr(await staff(), event, qrCode(event, windowOf(late)), null, late);
    expect(r2).toMatchObject({ ok: false, message: "签到已结束" });
  });

  it("records one attendance per person when the same person scans ten times at once", async () => {
    const { event, staff, start } = await setup();
    const p = await staff();
    const now = new Date(start + WINDOW_MS * 3);
    const code = qrCode(event, windowOf(now));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => checkInWithQr(p, event, code, null, now)),
    );
    expect(results.filter((r) => r.ok && !r.already)).toHaveLength(1);
    const rows = await db()
      .selectFrom("EventAttendance")
      .select("userId")
      .where("eventId", "=", event.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses staff outside the audience even with a valid code", async () => {
    const { event, staff, other, start } = await setup();
    const now = new Date(start);
    const r = await checkInWithQr(
      await staff(other.id),
      event,
      qrCode(event, windowOf(now)),
      null,
      now,
    );
    expect(r).toMatchObject({ ok: false, status: 403 });
  });
});

describe("学时 on attendance (issue 20, decision 0018)", () => {
  it("adds the event's 学时 to the person's year in CreditLedger, 我的学习, the 年度学时证明 and the kept 年度学法统计", async () => {
    const { event, staff, start, actor } = await setup();
    const p = await staff();
    const year = event.year;
    const before = await annualStatement(p.id, year);
    expect(before.hours).toBe(0);
    await signUp(p, event.id, null);
    // The 年度学法统计 keeps its per-unit figures on version 4: attendance must bump it.
    const annualVersion = () =>
      db()
        .selectFrom("RollupVersion")
        .select("version")
        .where("id", "=", 4)
        .executeTakeFirstOrThrow()
        .then((r) => r.version);
    const v0 = await annualVersion();
    const r = await rollCall(actor, event, [p.id], null, new Date(start));
    expect(r).toMatchObject({ ok: true, added: 1 });
    expect(await annualVersion()).toBeGreaterThan(v0);
    const ledger = await db()
      .selectFrom("CreditLedger")
      .selectAll()
      .where("userId", "=", p.id)
      .execute();
    expect(ledger).toEqual([
      expect.objectContaining({ year, creditHours: 2, kind: "LECTURE", sourceId: event.id }),
    ]);
    const after = await annualStatement(p.id, year);
    expect(after.hours).toBe(2);
    expect(after.events.map((e) => e.title)).toEqual(["行政处罚法专题讲座"]);
    if (year === new Date(Date.now() + 8 * HOUR).getUTCFullYear())
      expect((await myLearning({ id: p.id, role: "STAFF" }, new Date())).hours).toBe(2);
    const audit = await db()
      .selectFrom("AuditLog")
      .select("action")
      .where("objectType", "=", "event")
      .where("objectId", "=", String(event.id))
      .where("action", "=", "EVENT_ROLL_CALL")
      .execute();
    expect(audit).toHaveLength(1);
    const report = await eventReport(event.id);
    expect(report.total).toEqual({
      confirmed: 1,
      waitlist: 0,
      attended: 1,
      joined: 0,
      codeCheckedIn: 0,
    });
  });
});

describe("研讨记录 (issue 20): citations from the statute library only", () => {
  it("saves a record whose citation renders as a link to the article", async () => {
    const { event, actor } = await setup("CASE_STUDY");
    const r = await saveRecord(
      actor,
      event,
      {
        minutes: "讨论了罚款程序。",
        conclusions: "应当听证。",
        casesCited: "",
        citations: "《行政处罚法》第六十三条",
      },
      null,
    );
    expect(r).toEqual({ ok: true });
    const record = await getRecord(event.id);
    expect(record!.citationsHtml).toMatch(
      /<a href="\/laws\/[\w-]+\/63"[^>]*>《行政处罚法》第六十三条<\/a>/,
    );
  });

  it("refuses an article the library does not hold and a line that names no law", () => {
    const missing = parseCitations("《行政处罚法》第九百条");
    expect(missing).toMatchObject({ ok: false });
    expect(missing.ok ? "" : missing.message).toContain("没有第 900 条");
    expect(parseCitations("某某办法第三条")).toMatchObject({ ok: false });
  });
});
