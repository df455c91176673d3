import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import {
  createAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { markCourseCompleted } from "#app/modules/learning/course-status.server.ts";
import { examSettings, setExamSettings } from "#app/modules/learning/exam.server.ts";
import { newestBackup, systemHealth } from "#app/modules/home/admin.server.ts";
import { securityEvents } from "#app/modules/home/auditor.server.ts";
import { enterpriseHome, expertHome } from "#app/modules/home/consult.server.ts";
import { myOpenTasks, staffHome } from "#app/modules/home/learner.server.ts";
import { behindStats, managerHome } from "#app/modules/home/manager.server.ts";
import { staffEvents } from "#app/modules/events/events.server.ts";
import { examTotalsStats } from "#app/modules/annual/exam-totals.server.ts";
import { daysLeft } from "#app/modules/home/time.ts";
import { makeEnterprise, makeExpert } from "./booking-helpers.ts";
import { makeUnit, makeUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
const NOW = new Date("2026-06-10T12:00:00+08:00");
let courseId: number;
let otherCourseId: number;

beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
  // A second course, so an overdue and a later task can be told apart.
  const row = await write((tx) =>
    tx
      .insertInto("Course")
      .values({
        slug: `home-second-${Date.now()}`,
        title: "第二门课程",
        category: "测试",
        audience: "STAFF",
        summary: "用于首页测试",
        creditHours: 2,
        passMark: 60,
        questionsPerAttempt: 1,
        timeLimitMinutes: 10,
        attemptLimit: 3,
        version: "v1",
        updatedAt: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  otherCourseId = row.id;
});

async function assign(
  input: { unitCodes?: string[]; usernames?: string[]; courseIds: number[] },
  due: string,
) {
  const r = await createAssignment(
    admin,
    null,
    {
      title: `任务${due}`,
      note: "",
      dueDate: due,
      courseId: input.courseIds,
      unitCodes: input.unitCodes ?? [],
      includeSubunits: "on",
      usernames: input.usernames ?? [],
    },
    new Date("2026-05-01T00:00:00+08:00"),
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.id;
}

describe("staff home", () => {
  it("lists only the staff member's own unfinished assigned courses, overdue first, each once", async () => {
    const city = await makeUnit("市", null, "CITY");
    const unit = await makeUnit("科室", city, "DEPARTMENT");
    const me = await makeUser({ orgUnitId: unit.id });
    const colleague = await makeUser({ orgUnitId: unit.id });
    // Overdue (due 06-01) and later (06-20), the same course twice: listed once, overdue.
    await assign({ usernames: [me.username], courseIds: [otherCourseId] }, "2026-06-20");
    await assign({ usernames: [me.username], courseIds: [courseId, otherCourseId] }, "2026-06-01");
    // Assigned to a colleague only: never on my home.
    await assign({ usernames: [colleague.username], courseIds: [courseId] }, "2026-06-12");
    const mine = await myOpenTasks(me.id, NOW);
    expect(mine.map((t) => [t.courseId, t.daysLeft])).toEqual([
      [courseId, -9],
      [otherCourseId, -9],
    ]);
    expect((await myOpenTasks(colleague.id, NOW)).map((t) => [t.courseId, t.daysLeft])).toEqual([
      [courseId, 2],
    ]);
    // A completed course leaves the list.
    await write((tx) => markCourseCompleted(tx, me.id, courseId, NOW));
    expect((await myOpenTasks(me.id, NOW)).map((t) => t.courseId)).toEqual([otherCourseId]);
  });

  it("sends each to-do row as the page shows it: course, days left and the detail line (assignment, Beijing due day, 学时)", async () => {
    const city = await makeUnit("市", null, "CITY");
    const me = await makeUser({ orgUnitId: (await makeUnit("科室", city, "DEPARTMENT")).id });
    await assign({ usernames: [me.username], courseIds: [otherCourseId] }, "2026-06-20");
    const home = await staffHome(me, NOW);
    expect(home.tasks).toEqual([
      {
        slug: expect.stringMatching(/^home-second-/),
        title: "第二门课程",
        daysLeft: 10,
        detail: "任务2026-06-20 · 截止 2026-06-20 · 2 学时",
      },
    ]);
  });

  it("counts only the staff member's own 学时 of this Beijing year and his own 错题本", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const complete = (userId: number, year: number, hours: number, no: string) =>
      write((tx) =>
        tx
          .insertInto("Completion")
          .values({
            userId,
            courseId: year === 2026 ? courseId : otherCourseId,
            year,
            creditHours: hours,
            score: 90,
            completedAt: NOW,
            certificateNo: no,
            verifyCode: no,
            courseVersion: "v1",
          })
          .execute(),
      );
    await complete(me.id, 2026, 1.5, `H${me.id}a`);
    await complete(me.id, 2025, 4, `H${me.id}b`);
    await complete(other.id, 2026, 3, `H${other.id}a`);
    const home = await staffHome(me, NOW);
    expect(home.hours).toBe(1.5);
    expect(home.required).toBeGreaterThan(0);
    expect(home.wrongCount).toBe(0);
    expect(home.exam).toMatchObject({ passed: false, remaining: home.exam.attempts });
  });

  it("lists the few upcoming events the home shows in SQL: own sign-ups first, a cancelled one only when signed up, none over", async () => {
    const me = await makeUser();
    const at = new Date("2031-03-01T09:00:00+08:00");
    const hour = (h: number) => new Date(at.getTime() + h * 3_600_000);
    const event = async (title: string, start: number, cancelled = false, mine = false) => {
      const e = await db()
        .insertInto("Event")
        .values({
          kind: "LECTURE",
          title,
          startsAt: hour(start),
          endsAt: hour(start + 2),
          year: 2031,
          capacity: 50,
          creditHours: 1,
          checkInFrom: hour(start - 1),
          checkInUntil: hour(start + 2),
          audience: "OPEN",
          scopePath: "/",
          createdById: 1,
          createdAt: at,
          cancelledAt: cancelled ? at : null,
          qrSecret: "x",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (mine)
        await db()
          .insertInto("EventSignup")
          .values({ eventId: e.id, userId: me.id, status: "CONFIRMED", createdAt: at })
          .execute();
    };
    await event("已结束", -3, false, true);
    await event("一", 1);
    await event("已取消", 2, true);
    await event("三", 3);
    await event("我报名的", 4, false, true);
    await event("我报名后取消", 5, true, true);
    const home = await staffHome({ ...me, orgUnitPath: null }, at);
    // Each row as shown: its status and its detail line (kind, Beijing start, 学时).
    expect(home.events.map((e) => [e.title, e.status, e.detail])).toEqual([
      ["我报名的", "已报名", "专题讲座 · 2031-03-01 13:00 · 1 学时"],
      ["我报名后取消", "已取消", "专题讲座 · 2031-03-01 14:00 · 1 学时"],
      ["一", "可报名", "专题讲座 · 2031-03-01 10:00 · 1 学时"],
    ]);
    // The same as 讲座与研讨's list filtered and ordered as the home did before (issue 14).
    const listed = (await staffEvents({ ...me, orgUnitPath: null }, at, 20))
      .filter((e) => e.endsAt > at && (e.cancelledAt === null || e.myStatus !== null))
      .sort((a, b) => Number(b.myStatus !== null) - Number(a.myStatus !== null))
      .slice(0, 3);
    expect(home.events.map((e) => e.id)).toEqual(listed.map((e) => e.id));
  });

  it("shows the exam's open window and whether it has begun (Beijing days)", async () => {
    const me = await makeUser({ role: "STAFF" });
    const settings = await examSettings();
    const window = (examOpensOn: string, examClosesOn: string) =>
      setExamSettings(admin, null, { ...settings, examOpensOn, examClosesOn });
    await window("2026-06-11", "2026-06-30");
    const before = (await staffHome(me, NOW)).exam;
    expect(before.window).toBe("2026-06-11 至 2026-06-30（北京时间）");
    expect(before.windowState).toBe("before");
    await window("2026-06-01", "2026-06-10");
    expect((await staffHome(me, NOW)).exam.windowState).toBe("open");
    await window("2026-06-01", "2026-06-09");
    expect((await staffHome(me, NOW)).exam.windowState).toBe("after");
    await window("", "");
    expect((await staffHome(me, NOW)).exam).toMatchObject({ window: null, windowState: "open" });
  });

  it("shows settings another instance wrote at the next request (one settings read, nothing kept per process)", async () => {
    const me = await makeUser({ role: "STAFF" });
    // Written as another process would: plain rows, no setter of this process involved.
    const put = (key: string, value: string) =>
      write((tx) =>
        tx
          .insertInto("Setting")
          .values({ key, value, updatedAt: NOW })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: NOW }))
          .execute(),
      );
    const saved = await db().selectFrom("Setting").select(["key", "value"]).execute();
    try {
      await put("annualCreditHours", "37");
      await put("examAttempts", "5");
      await put("examPassMark", "75");
      await put("examOpensOn", "2026-06-20");
      const first = await staffHome(me, NOW);
      expect(first.required).toBe(37);
      expect(first.exam).toMatchObject({ attempts: 5, remaining: 5, passMark: 75 });
      expect(first.exam.windowState).toBe("before");
      await put("annualCreditHours", "41");
      await put("examAttempts", "2");
      await put("examOpensOn", "2026-06-01");
      const next = await staffHome(me, NOW);
      expect(next.required).toBe(41);
      expect(next.exam).toMatchObject({ attempts: 2, remaining: 2, windowState: "open" });
    } finally {
      await write(async (tx) => {
        await tx.deleteFrom("Setting").execute();
        for (const r of saved)
          await tx
            .insertInto("Setting")
            .values({ ...r, updatedAt: NOW })
            .execute();
      });
    }
  });
});

describe("manager home", () => {
  it("shows only the manager's own subtree: child units lowest completion first, due soon, exam", async () => {
    const city = await makeUnit("市", null, "CITY");
    const mine = await makeUnit("本区", city, "DISTRICT");
    const a = await makeUnit("甲街道", mine, "TOWNSHIP");
    const b = await makeUnit("乙街道", mine, "TOWNSHIP");
    const outside = await makeUnit("外区", city, "DISTRICT");
    const a1 = await makeUser({ orgUnitId: a.id });
    const a2 = await makeUser({ orgUnitId: a.id });
    const b1 = await makeUser({ orgUnitId: b.id });
    const o1 = await makeUser({ orgUnitId: outside.id });
    const soon = await assign({ unitCodes: [mine.code], courseIds: [courseId] }, "2026-06-15");
    const far = await assign({ unitCodes: [mine.code], courseIds: [courseId] }, "2026-09-30");
    const elsewhere = await assign(
      { unitCodes: [outside.code], courseIds: [courseId] },
      "2026-06-12",
    );
    await write((tx) => markCourseCompleted(tx, a1.id, courseId, NOW));
    await write((tx) => markCourseCompleted(tx, a2.id, courseId, NOW));
    void b1;
    void o1;
    const home = await managerHome(mine, NOW);
    // 乙 has done nothing (0 %), 甲 everything: 乙 first; 外区 is not his.
    expect(home.behind.map((u) => [u.name, u.completed, u.assigned])).toEqual([
      ["乙街道", 0, 2],
      ["甲街道", 4, 4],
    ]);
    expect(home.dueSoon.map((d) => [d.id, d.assigned, d.completed, d.daysLeft])).toEqual([
      [soon, 3, 2, 5],
    ]);
    expect(home.dueSoon.map((d) => d.id)).not.toContain(far);
    expect(home.dueSoon.map((d) => d.id)).not.toContain(elsewhere);
    expect(home.exam).toEqual({ staff: 3, sat: 0, passed: 0 });
  });

  it("keeps the units behind only while RollupVersion 1 stands: a completion, a new assignment, a rename and a withdrawal show at the next read", async () => {
    const city = await makeUnit("市", null, "CITY");
    const mine = await makeUnit("本区", city, "DISTRICT");
    const a = await makeUnit("甲街道", mine, "TOWNSHIP");
    const b = await makeUnit("乙街道", mine, "TOWNSHIP");
    const a1 = await makeUser({ orgUnitId: a.id });
    const b1 = await makeUser({ orgUnitId: b.id });
    const first = await assign({ unitCodes: [mine.code], courseIds: [courseId] }, "2026-06-20");
    const behind = async () =>
      (await managerHome(mine, NOW)).behind.map((u) => [u.name, u.completed, u.assigned]);

    expect(await behind()).toEqual([
      ["甲街道", 0, 1],
      ["乙街道", 0, 1],
    ]);
    const hits = behindStats.hits;
    expect(await behind()).toEqual([
      ["甲街道", 0, 1],
      ["乙街道", 0, 1],
    ]);
    expect(behindStats.hits).toBe(hits + 1); // the second read was the kept ranking
    // A completion moves 甲 to the end.
    await write((tx) => markCourseCompleted(tx, a1.id, courseId, NOW));
    expect(await behind()).toEqual([
      ["乙街道", 0, 1],
      ["甲街道", 1, 1],
    ]);
    // A second assignment counts for both units.
    const second = await assign(
      { unitCodes: [mine.code], courseIds: [otherCourseId] },
      "2026-06-25",
    );
    expect(await behind()).toEqual([
      ["乙街道", 0, 2],
      ["甲街道", 1, 2],
    ]);
    // A unit renamed shows its new name.
    await write((tx) =>
      tx.updateTable("OrgUnit").set({ name: "乙街道（新）" }).where("id", "=", b.id).execute(),
    );
    expect(await behind()).toEqual([
      ["乙街道（新）", 0, 2],
      ["甲街道", 1, 2],
    ]);
    // A withdrawn assignment leaves every count.
    await withdrawAssignment(admin, null, second, NOW);
    expect(await behind()).toEqual([
      ["乙街道（新）", 0, 1],
      ["甲街道", 1, 1],
    ]);
    void first;
    void b1;
  });

  it("keeps the subtree's exam figures only while no attempt, person or unit changes (RollupVersion 3 and 4)", async () => {
    const city = await makeUnit("市", null, "CITY");
    const mine = await makeUnit("本区", city, "DISTRICT");
    const street = await makeUnit("街道", mine, "TOWNSHIP");
    const outside = await makeUnit("外区", city, "DISTRICT");
    const a = await makeUser({ orgUnitId: street.id });
    const b = await makeUser({ orgUnitId: street.id });
    const c = await makeUser({ orgUnitId: mine.id });
    const exam = async () => (await managerHome(mine, NOW)).exam;
    const attempt = (userId: number, score: number | null) =>
      write((tx) =>
        tx
          .insertInto("ExamAttempt")
          .values({
            userId,
            year: 2026,
            draw: "[]",
            answers: "{}",
            passMark: 60,
            startedAt: NOW,
            deadline: NOW,
            submittedAt: null,
            score: null,
            passed: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
          .then(async ({ id }) => {
            if (score !== null)
              await tx
                .updateTable("ExamAttempt")
                .set({ submittedAt: NOW, score, passed: score >= 60 })
                .where("id", "=", id)
                .execute();
            return id;
          }),
      );
    const setUser = (id: number, set: { disabled?: boolean; orgUnitId?: number }) =>
      write((tx) => tx.updateTable("User").set(set).where("id", "=", id).execute());

    const hits = examTotalsStats.hits;
    expect(await exam()).toEqual({ staff: 3, sat: 0, passed: 0 });
    expect(await exam()).toEqual({ staff: 3, sat: 0, passed: 0 });
    expect(examTotalsStats.hits).toBe(hits + 1); // the second read was the kept value
    // An attempt begun, then one submitted and passed, then one failed (version 4).
    const open = await attempt(a.id, null);
    expect(await exam()).toEqual({ staff: 3, sat: 0, passed: 0 });
    await write((tx) =>
      tx
        .updateTable("ExamAttempt")
        .set({ submittedAt: NOW, score: 90, passed: true })
        .where("id", "=", open)
        .execute(),
    );
    expect(await exam()).toEqual({ staff: 3, sat: 1, passed: 1 });
    await attempt(c.id, 40);
    expect(await exam()).toEqual({ staff: 3, sat: 2, passed: 1 });
    // A person disabled, another moved out of the subtree (version 3).
    await setUser(b.id, { disabled: true });
    expect(await exam()).toEqual({ staff: 2, sat: 2, passed: 1 });
    await setUser(c.id, { orgUnitId: outside.id });
    expect(await exam()).toEqual({ staff: 1, sat: 1, passed: 1 });
    // A unit moved out of the subtree takes its people along (version 3).
    await write((tx) =>
      tx
        .updateTable("OrgUnit")
        .set({ parentId: outside.id, path: `${outside.path}${street.id}/` })
        .where("id", "=", street.id)
        .execute(),
    );
    expect(await exam()).toEqual({ staff: 0, sat: 0, passed: 0 });
  });
});

describe("enterprise and expert homes", () => {
  it("counts only the enterprise's own bookings and the expert's own requests and schedule", async () => {
    const mine = await makeEnterprise("我的企业");
    const other = await makeEnterprise("别的企业");
    const expert = await makeExpert();
    const otherExpert = await makeExpert();
    const at = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
    let n = 0;
    const book = (enterpriseId: number, expertId: number, status: string, startH: number) =>
      write((tx) =>
        tx
          .insertInto("Booking")
          .values({
            enterpriseId,
            expertId,
            type: "CONSULTATION",
            mode: "ONLINE",
            startAt: at(startH),
            endAt: at(startH + 1),
            slotHold: `home-${++n}-${Date.now()}`,
            status,
            topic: `咨询${n}`,
            description: "说明",
            contactName: "联系人",
            contactMobile: "13800000000",
            createdAt: NOW,
            updatedAt: NOW,
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
      );
    await book(mine.enterpriseId, expert.expertId, "REQUESTED", 48);
    const next = await book(mine.enterpriseId, expert.expertId, "CONFIRMED", 3);
    await book(mine.enterpriseId, expert.expertId, "CONFIRMED", -3); // today, passed: opinion due
    await book(other.enterpriseId, expert.expertId, "CANCELLED", 5);
    await book(other.enterpriseId, otherExpert.expertId, "REQUESTED", 6);
    const e = await enterpriseHome(mine.user.id, NOW);
    expect(e?.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: "REQUESTED", count: 1 },
      { status: "CONFIRMED", count: 2 },
    ]);
    expect(e?.next?.id).toBe(next.id);
    const x = await expertHome(expert.user.id, NOW);
    expect(x).toMatchObject({ toConfirm: 1, toComplete: 1 });
    expect(x?.today.map((b) => b.topic)).toEqual(["咨询3", "咨询2"]);
    expect(await expertHome(otherExpert.user.id, NOW)).toMatchObject({ toConfirm: 1 });
    expect(await enterpriseHome((await makeUser()).id, NOW)).toBeNull();
  });
});

describe("auditor home", () => {
  it("counts failed logins, lockouts and denials per Beijing day over the last 7 days", async () => {
    const now = new Date("2031-03-10T09:00:00+08:00");
    const log = (at: string, action: string, result: string) =>
      write((tx) =>
        tx
          .insertInto("AuditLog")
          .values({ at: new Date(at), action, result })
          .execute(),
      );
    await log("2031-03-10T00:10:00+08:00", "LOGIN_FAILURE", "FAILURE");
    await log("2031-03-10T08:00:00+08:00", "LOGIN_FAILURE", "FAILURE");
    await log("2031-03-09T23:59:00+08:00", "ACCOUNT_LOCKED", "FAILURE");
    await log("2031-03-04T00:00:00+08:00", "PERMISSION_DENIED", "DENIED");
    await log("2031-03-03T23:59:59+08:00", "LOGIN_FAILURE", "FAILURE"); // 8 days ago: out
    await log("2031-03-10T08:30:00+08:00", "LOGIN_SUCCESS", "SUCCESS"); // not an event
    const s = await securityEvents(now);
    expect(s.from).toBe("2031-03-04");
    expect(s.to).toBe("2031-03-10");
    expect(s.totals).toEqual({ failedLogins: 2, lockouts: 1, denials: 1 });
    expect(s.trend.map((d) => [d.day, d.failedLogins, d.lockouts, d.denials])).toEqual([
      ["2031-03-04", 0, 0, 1],
      ["2031-03-05", 0, 0, 0],
      ["2031-03-06", 0, 0, 0],
      ["2031-03-07", 0, 0, 0],
      ["2031-03-08", 0, 0, 0],
      ["2031-03-09", 0, 1, 0],
      ["2031-03-10", 2, 0, 0],
    ]);
  });
});

describe("admin home", () => {
  it("reports a writable database, free disk and the newest backup in BACKUP_DIR", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "home-backup-"));
    expect(await newestBackup(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, "app-old.db"), "x");
    fs.utimesSync(path.join(dir, "app-old.db"), new Date("2026-06-01"), new Date("2026-06-01"));
    fs.writeFileSync(path.join(dir, "app-new.dump"), "x");
    fs.utimesSync(path.join(dir, "app-new.dump"), new Date("2026-06-09"), new Date("2026-06-09"));
    fs.writeFileSync(path.join(dir, "notes.txt"), "x");
    expect((await newestBackup(dir))?.name).toBe("app-new.dump");
    const health = await systemHealth(NOW);
    expect(health.database).toBe(true);
    expect(health.freeBytes).toBeGreaterThan(0);
  });

  it("counts whole Beijing days to a due date", () => {
    const due = new Date("2026-06-15T23:59:59.999+08:00");
    expect(daysLeft(due, new Date("2026-06-15T00:00:01+08:00"))).toBe(0);
    expect(daysLeft(due, new Date("2026-06-14T23:59:00+08:00"))).toBe(1);
    expect(daysLeft(due, new Date("2026-06-16T00:00:00+08:00"))).toBe(-1);
  });
});
