// Issue 20, event operations: the organiser edits (capacity never below the sign-ups) or
// cancels an event and everyone signed up is told; a cancelled event refuses sign-up and
// check-in; online attendance needs the join through the platform's link before the check
// code counts; the day-before reminder goes to each person exactly once, however many runs.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import {
  checkInWithCode,
  checkInWithQr,
  currentQr,
  revealCheckCode,
} from "#app/modules/events/checkin.server.ts";
import { createEvent, getEvent } from "#app/modules/events/events.server.ts";
import { joinOnline } from "#app/modules/events/join.server.ts";
import { CancelEventSchema, EditEventSchema } from "#app/modules/events/ops-schemas.ts";
import { cancelEvent, editEvent } from "#app/modules/events/ops.server.ts";
import { sendEventReminders } from "#app/modules/events/remind.server.ts";
import { eventReport } from "#app/modules/events/report.server.ts";
import { CreateEventSchema } from "#app/modules/events/schemas.ts";
import { signUp } from "#app/modules/events/signup.server.ts";
import { countRows, makeUnit, makeUser } from "./helpers.ts";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const HOUR = 3600_000;
const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
const minute = (ms: number) => Math.ceil(ms / 60_000) * 60_000;

async function setup(opts: { capacity?: number; startIn?: number; online?: boolean } = {}) {
  const unit = await makeUnit("活动运营单位", null);
  const manager = await makeUser({ role: "MANAGER", orgUnitId: unit.id });
  const actor = { ...manager, role: "MANAGER", orgUnitPath: unit.path };
  const start = minute(Date.now() + (opts.startIn ?? 2 * HOUR));
  const created = await createEvent(
    actor,
    null,
    CreateEventSchema.parse({
      kind: "LECTURE",
      title: `运营测试${Math.random().toString(36).slice(2, 8)}`,
      scholars: "张明 法学院教授",
      startsAt: local(start),
      endsAt: local(start + 2 * HOUR),
      room: opts.online ? "" : "三楼会议室",
      meetingUrl: opts.online ? "https://meeting.example.cn/j/42" : "",
      capacity: String(opts.capacity ?? 2),
      creditHours: "2",
      audience: "TARGETED",
      unitCodes: unit.code,
    }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const staff = async () => ({
    ...(await makeUser({ orgUnitId: unit.id })),
    orgUnitPath: unit.path,
  });
  return { unit, actor, id: created.id, start, staff };
}

const edit = (start: number, extra: Record<string, string> = {}) =>
  EditEventSchema.parse({
    intent: "edit",
    title: "改过的讲座",
    startsAt: local(start),
    endsAt: local(start + 2 * HOUR),
    room: "三楼会议室",
    capacity: "2",
    creditHours: "2",
    ...extra,
  });

const notices = (kind: string, userIds: number[]) =>
  countRows("Notification", (q) => q.where("kind", "=", kind).where("userId", "in", userIds));

describe("editing an event (issue 20)", () => {
  it("refuses a capacity below the confirmed sign-ups in Chinese and changes nothing", async () => {
    const w = await setup({ capacity: 3 });
    const people = [await w.staff(), await w.staff(), await w.staff()];
    for (const p of people) await signUp(p, w.id, null);
    const r = await editEvent(w.actor, { id: w.id }, edit(w.start, { capacity: "2" }), null);
    expect(r).toMatchObject({ ok: false, status: 422, field: "capacity" });
    expect(!r.ok && r.message).toContain("名额不能少于已报名的 3 人");
    expect((await getEvent(w.id))!).toMatchObject({
      capacity: 3,
      title: expect.stringMatching(/^运营测试/),
    });
  });

  it("a new time notifies seats and waitlist, a larger capacity promotes the waitlist in order; audited", async () => {
    const w = await setup({ capacity: 1 });
    const [a, b, c] = [await w.staff(), await w.staff(), await w.staff()];
    for (const p of [a, b, c]) await signUp(p, w.id, null);
    const later = w.start + 24 * HOUR;
    const r = await editEvent(w.actor, { id: w.id }, edit(later, { capacity: "2" }), null);
    expect(r).toEqual({ ok: true, notified: 3, promoted: 1 });
    const e = (await getEvent(w.id))!;
    expect(e.startsAt.getTime()).toBe(later);
    expect(e.checkInFrom.getTime()).toBe(later - 30 * 60_000);
    expect(await notices("EVENT_CHANGED", [a.id, b.id, c.id])).toBe(3);
    expect(await notices("EVENT_PROMOTED", [b.id])).toBe(1);
    expect(await notices("EVENT_PROMOTED", [c.id])).toBe(0);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "EVENT_UPDATE").where("objectId", "=", String(w.id)),
      ),
    ).toBe(1);
    // Only the capacity or the title: no change notice.
    const quiet = await editEvent(w.actor, { id: w.id }, edit(later, { capacity: "5" }), null);
    expect(quiet).toMatchObject({ ok: true, notified: 0 });
  });

  it("refuses an edit after the start and a meeting link that is not http(s)", async () => {
    const w = await setup();
    const r = await editEvent(w.actor, { id: w.id }, edit(w.start), null, new Date(w.start + 1));
    expect(r).toMatchObject({ ok: false, status: 409, message: "活动已开始，不能修改" });
    const raw = {
      intent: "edit",
      title: "改过的讲座",
      startsAt: local(w.start),
      endsAt: local(w.start + HOUR),
      capacity: "2",
      creditHours: "2",
    };
    expect(EditEventSchema.safeParse({ ...raw, meetingUrl: "https://a.cn/x" }).success).toBe(true);
    for (const meetingUrl of ["javascript:alert(1)", "ftp://x.cn/a", "//evil.example/x"]) {
      const p = EditEventSchema.safeParse({ ...raw, meetingUrl });
      expect(p.success).toBe(false);
      expect(p.error?.issues.map((i) => i.message).join()).toContain("会议链接应为 http://");
    }
    expect(CancelEventSchema.safeParse({ intent: "cancel", reason: "" }).success).toBe(false);
  });
});

describe("cancelling an event (issue 20)", () => {
  it("notifies everyone signed up once, even when two organisers cancel at once; then refuses sign-up and check-in", async () => {
    const w = await setup({ capacity: 1 });
    const [a, b, late] = [await w.staff(), await w.staff(), await w.staff()];
    await signUp(a, w.id, null);
    await signUp(b, w.id, null);
    const results = await Promise.all([
      cancelEvent(w.actor, { id: w.id }, "主讲人临时有事", null),
      cancelEvent(w.actor, { id: w.id }, "主讲人临时有事", null),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ status: 409, message: "活动已经取消" });
    expect(await notices("EVENT_CANCELLED", [a.id, b.id])).toBe(2);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "EVENT_CANCEL").where("objectId", "=", String(w.id)),
      ),
    ).toBe(1);
    const e = (await getEvent(w.id))!;
    expect(e.cancelReason).toBe("主讲人临时有事");
    expect(await signUp(late, w.id, null)).toMatchObject({ ok: false, message: "活动已取消" });
    const during = new Date(w.start + 10 * 60_000);
    const qr = await checkInWithQr(a, e, currentQr(e, during).code, null, during);
    expect(qr).toMatchObject({ ok: false, message: "活动已取消" });
    expect(await editEvent(w.actor, { id: w.id }, edit(w.start), null)).toMatchObject({
      ok: false,
      message: "活动已取消，不能修改",
    });
  });

  it("refuses to cancel once someone has checked in (their 学时 stand)", async () => {
    const w = await setup();
    const a = await w.staff();
    await signUp(a, w.id, null);
    const e = (await getEvent(w.id))!;
    const during = new Date(w.start + 10 * 60_000);
    expect(await checkInWithQr(a, e, currentQr(e, during).code, null, during)).toMatchObject({
      ok: true,
    });
    expect(await cancelEvent(w.actor, { id: w.id }, "天气原因", null, during)).toMatchObject({
      ok: false,
      message: "已有人签到并获得学时，不能取消活动",
    });
  });
});

describe("online attendance: the join link, then the check code (issue 20)", () => {
  it("records one join per person (first time kept) however many clicks at once, and only for a seat", async () => {
    const w = await setup({ online: true, capacity: 1 });
    const [a, waiting] = [await w.staff(), await w.staff()];
    await signUp(a, w.id, null);
    await signUp(waiting, w.id, null);
    const e = (await getEvent(w.id))!;
    const before = new Date(w.start - 2 * HOUR);
    expect(await joinOnline(a, e, null, before)).toMatchObject({ ok: false, status: 409 });
    const at = new Date(w.start + 60_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => joinOnline(a, e, null, new Date(at.getTime() + i))),
    );
    expect(results.every((r) => r.ok && r.url === "https://meeting.example.cn/j/42")).toBe(true);
    expect(results.filter((r) => r.ok && r.first)).toHaveLength(1);
    expect(await countRows("EventJoin", (q) => q.where("eventId", "=", w.id))).toBe(1);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "EVENT_JOIN").where("objectId", "=", String(w.id)),
      ),
    ).toBe(1);
    expect(await joinOnline(waiting, e, null, at)).toMatchObject({ ok: false, status: 403 });
  });

  it("accepts the check code only from someone who joined through the link; the report counts both", async () => {
    const w = await setup({ online: true, capacity: 5 });
    const [joined, direct] = [await w.staff(), await w.staff()];
    await signUp(joined, w.id, null);
    await signUp(direct, w.id, null);
    const during = new Date(w.start + 30 * 60_000);
    const revealed = await revealCheckCode(w.actor, (await getEvent(w.id))!, null, during);
    if (!revealed.ok) throw new Error(revealed.message);
    const e = (await getEvent(w.id))!;
    expect(await joinOnline(joined, e, null, during)).toMatchObject({ ok: true });
    expect(await checkInWithCode(direct, e, revealed.code, null, during)).toMatchObject({
      ok: false,
      status: 409,
      message: "请先通过本平台的入会链接进入会议，否则无法签到",
    });
    expect(await checkInWithCode(joined, e, revealed.code, null, during)).toMatchObject({
      ok: true,
    });
    const report = await eventReport(w.id);
    expect(report.total).toMatchObject({ confirmed: 2, attended: 1, joined: 1, codeCheckedIn: 1 });
  });
});

describe("npm run events:remind: the day before, once per person (issue 20)", () => {
  it("reminds seats and waitlist of tomorrow's events once across six runs at once; not a cancelled event", async () => {
    const w = await setup({ capacity: 1, startIn: 30 * HOUR });
    const gone = await setup({ startIn: 30 * HOUR });
    const [a, b] = [await w.staff(), await w.staff()];
    const c = await gone.staff();
    await signUp(a, w.id, null);
    await signUp(b, w.id, null);
    await signUp(c, gone.id, null);
    await cancelEvent(gone.actor, { id: gone.id }, "场地冲突", null);
    const dayBefore = new Date(w.start - 24 * HOUR);
    const runs = await Promise.all(Array.from({ length: 6 }, () => sendEventReminders(dayBefore)));
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBeGreaterThanOrEqual(2);
    expect(await notices("EVENT_REMINDER", [a.id, b.id])).toBe(2);
    expect(await notices("EVENT_REMINDER", [c.id])).toBe(0);
    // Again later that day: the claim is finished and the sign-ups are marked.
    await sendEventReminders(new Date(dayBefore.getTime() + HOUR));
    expect(await notices("EVENT_REMINDER", [a.id, b.id])).toBe(2);
    // Moved to the day after: the reminder goes out again for the new day.
    const moved = w.start + 24 * HOUR;
    expect(
      await editEvent(w.actor, { id: w.id }, edit(moved, { capacity: "1" }), null, dayBefore),
    ).toMatchObject({ ok: true });
    await sendEventReminders(new Date(moved - 24 * HOUR));
    expect(await notices("EVENT_REMINDER", [a.id, b.id])).toBe(4);
  });

  it("three processes running the command at once remind each person once", async () => {
    const w = await setup({ startIn: 24 * HOUR + 5 * 60_000 });
    const people = [await w.staff(), await w.staff()];
    for (const p of people) await signUp(p, w.id, null);
    const outs = await Promise.all(
      [1, 2, 3].map(() =>
        run(tsx, ["scripts/events-remind.ts"], {
          env: { ...process.env, LOG_LEVEL: "silent" },
        }).then((r) => r.stdout),
      ),
    );
    expect(outs.join("\n")).toMatch(/events:remind: /);
    expect(
      await notices(
        "EVENT_REMINDER",
        people.map((p) => p.id),
      ),
    ).toBe(2);
    const marked = await db()
      .selectFrom("EventSignup")
      .select("reminderSentAt")
      .where("eventId", "=", w.id)
      .execute();
    expect(marked.every((m) => m.reminderSentAt !== null)).toBe(true);
  }, 90_000);
});
