// Issue 12/13: the modules moved onto the data layer in branch "misc" give the same answers on
// SQLite and PostgreSQL. One scenario (content sync, enterprise registration with its session,
// 我的学习 and the 错题本, in-app notices, the audit log's list and the auditor's counts) runs
// first on this test file's SQLite database, then on a throw-away PostgreSQL cluster; the two
// results (ids left out) must be equal.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit, auditRow } from "#app/data/audit.server.ts";
import { db, dialectName, write } from "#app/data/db.server.ts";
import { listAuditLog, recentAuditSummary } from "#app/modules/audit/audit.server.ts";
import type { AuditFilter } from "#app/modules/audit/schemas.ts";
import { registerEnterprise } from "#app/modules/booking/enterprise.server.ts";
import { loadCourses } from "#app/modules/content/load.server.ts";
import { syncCourses } from "#app/modules/content/sync.server.ts";
import { myLearning } from "#app/modules/learning/my-learning.server.ts";
import { wrongBookEntries } from "#app/modules/learning/wrong-book.server.ts";
import {
  listNotifications,
  markAllRead,
  notify,
  unreadCount,
} from "#app/modules/notifications/notifications.server.ts";
import { pgAvailable } from "../setup/pg-cluster.ts";
import { movesToPostgres } from "./on-postgres.ts";

const NOW = new Date();
/** A time written by the scenario itself ("now" when it ran): a Date no earlier than NOW. */
const recent = (at: Date) => (at instanceof Date && at >= NOW ? "a Date, now" : at);

async function scenario() {
  const { courses, errors } = loadCourses(path.resolve("tests/fixtures/courses"));
  expect(errors).toEqual([]);
  const firstSync = await syncCourses(courses, NOW);
  const secondSync = await syncCourses(courses, NOW);
  const course = await db()
    .selectFrom("Course")
    .select(["id", "slug", "active", "updatedAt"])
    .where("slug", "=", "quiz-demo")
    .executeTakeFirstOrThrow();
  const lessons = await db()
    .selectFrom("Lesson")
    .select(["id", "slug"])
    .where("courseId", "=", course.id)
    .orderBy("position")
    .execute();
  const question = await db()
    .selectFrom("Question")
    .select(["id", "key"])
    .where("courseId", "=", course.id)
    .orderBy("key")
    .executeTakeFirstOrThrow();

  const input = {
    companyName: "鞍山测试有限公司",
    uscc: "91440300708461136T",
    contactName: "王经理",
    mobile: "13811110001",
    password: "Company@2026x",
  };
  const registered = await registerEnterprise(input, "10.0.0.9");
  const again = await registerEnterprise({ ...input, mobile: "13811110002" }, null);
  const enterpriseUser = await db()
    .selectFrom("User")
    .select(["id", "role", "disabled", "createdAt"])
    .where("username", "=", input.uscc)
    .executeTakeFirstOrThrow();
  const sessions = await db()
    .selectFrom("Session")
    .select("userId")
    .where("userId", "=", enterpriseUser.id)
    .execute();

  const learner = await write((tx) =>
    tx
      .insertInto("User")
      .values({
        username: "misc-learner",
        name: "学员",
        role: "STAFF",
        passwordHash: "x",
        createdAt: NOW,
        updatedAt: NOW,
      })
      .returning(["id", "username"])
      .executeTakeFirstOrThrow(),
  );
  await write(async (tx) => {
    await tx
      .insertInto("LessonProgress")
      .values({ userId: learner.id, lessonId: lessons[0]!.id, openedAt: NOW, readAt: NOW })
      .execute();
    await tx
      .insertInto("WrongAnswer")
      .values({ userId: learner.id, questionId: question.id, lastWrongAt: NOW })
      .execute();
  });
  const inProgress = await myLearning({ id: learner.id, role: "STAFF" }, NOW);
  await write((tx) =>
    tx
      .insertInto("Completion")
      .values({
        userId: learner.id,
        courseId: course.id,
        courseVersion: "v",
        score: 90,
        creditHours: 1.5,
        completedAt: NOW,
        year: inProgress.year,
        certificateNo: "FZ-MISC-1",
        verifyCode: "ABCD",
      })
      .execute(),
  );
  const completed = await myLearning({ id: learner.id, role: "STAFF" }, NOW);
  const book = await wrongBookEntries(learner.id);

  await write((tx) =>
    notify(
      tx,
      ["一", "二", "三"].map((title) => ({
        userId: learner.id,
        kind: "TEST",
        title,
        body: "正文",
      })),
      NOW,
    ),
  );
  const unreadBefore = await unreadCount(learner.id);
  await markAllRead(learner.id, NOW);
  const notices = await listNotifications(learner.id);

  await write(async (tx) => {
    await audit(tx, { actorName: "misc-nobody", action: "LOGIN_FAILURE", result: "FAILURE" });
    await audit(tx, { actor: learner, action: "PERMISSION_DENIED", result: "DENIED" });
    await tx
      .insertInto("AuditLog")
      .values(
        auditRow(
          { actor: learner, action: "LOGOUT", result: "SUCCESS" },
          new Date("2026-01-10T15:59:59Z"),
        ),
      )
      .execute();
  });
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const filter: AuditFilter = {
    action: "",
    person: "",
    kind: "",
    result: "",
    from: "",
    to: "",
    before: "",
    after: "",
  };
  const mine = await listAuditLog({ ...filter, person: learner.username });
  const denied = await listAuditLog({ ...filter, action: "PERMISSION_DENIED" });
  // 2026-01-10T15:59:59Z is 2026-01-10 23:59:59 in Beijing: inside the 10th, not the 11th.
  const onTenth = await listAuditLog({ ...filter, from: "2026-01-10", to: "2026-01-10" });
  const onEleventh = await listAuditLog({ ...filter, from: "2026-01-11", to: "2026-01-11" });
  const today = await listAuditLog({ ...filter, from: day(NOW), to: day(NOW) });

  const noId = <T extends object>(rows: T[]) =>
    rows.map(({ id: _, ...r }: T & { id?: unknown }) => r);
  return {
    firstSync,
    secondSync,
    course: { slug: course.slug, active: course.active, updatedAt: course.updatedAt },
    registered: { ok: registered.ok, pending: "pending" in registered && registered.pending },
    token: "token" in registered && typeof registered.token,
    again,
    enterpriseUser: {
      ...enterpriseUser,
      id: undefined,
      createdAt: recent(enterpriseUser.createdAt),
    },
    sessions: sessions.length,
    inProgress: { ...inProgress, certificates: inProgress.certificates },
    completed,
    book: book.map(({ courseId: _, questionId: __, ...r }) => r),
    unreadBefore,
    unreadAfter: await unreadCount(learner.id),
    notices: noId(notices),
    mine: { ...mine, rows: noId(mine.rows).map((r) => ({ ...r, at: recent(r.at) })) },
    denied: denied.total,
    onTenth: noId(onTenth.rows).map((r) => r.action),
    onEleventh: onEleventh.total,
    today: today.rows.map((r) => r.action),
    summary: await recentAuditSummary(NOW),
  };
}

let onSqlite: Awaited<ReturnType<typeof scenario>>;

describe.skipIf(!pgAvailable())("misc modules on PostgreSQL give SQLite's answers", () => {
  movesToPostgres(3433, "misc", async () => {
    expect(dialectName()).toBe("sqlite");
    onSqlite = await scenario();
  });

  it("on SQLite: the scenario's answers (Dates, booleans, counts)", () => {
    const r = onSqlite;
    expect(r.firstSync).toEqual([
      { slug: "quiz-demo", version: expect.any(String), changed: true },
    ]);
    expect(r.secondSync[0]!.changed).toBe(false);
    expect(r.course).toEqual({ slug: "quiz-demo", active: true, updatedAt: NOW });
    expect(r.registered).toEqual({ ok: true, pending: false });
    expect(r.token).toBe("string");
    expect(r.again).toEqual({
      ok: false,
      fieldErrors: { uscc: "该统一社会信用代码已注册，请直接登录" },
    });
    expect(r.enterpriseUser).toMatchObject({ role: "ENTERPRISE", disabled: false });
    expect(r.enterpriseUser.createdAt).toBe("a Date, now");
    expect(r.sessions).toBe(1);
    expect(r.inProgress.inProgress).toEqual([
      { slug: "quiz-demo", title: expect.any(String), lessons: 2, readLessons: 1 },
    ]);
    expect(r.inProgress.hours).toBe(0);
    expect(r.completed.inProgress).toEqual([]);
    expect(r.completed.hours).toBe(1.5);
    expect(r.completed.certificates).toEqual([
      {
        certificateNo: "FZ-MISC-1",
        completedAt: NOW,
        creditHours: 1.5,
        score: 90,
        course: { title: expect.any(String), slug: "quiz-demo" },
      },
    ]);
    expect(r.completed.wrongCount).toBe(1);
    expect(r.book).toHaveLength(1);
    expect(r.unreadBefore).toBe(3);
    expect(r.unreadAfter).toBe(0);
    expect(r.notices.map((n) => n.readAt)).toEqual([NOW, NOW, NOW]);
    expect(r.mine.total).toBe(2);
    // Newest first by time (the LOGOUT row was written last but dated 2026-01-10).
    expect(r.mine.rows.map((row) => row.at)).toEqual([
      "a Date, now",
      new Date("2026-01-10T15:59:59Z"),
    ]);
    expect(r.denied).toBe(1);
    expect(r.onTenth).toEqual(["LOGOUT"]);
    expect(r.onEleventh).toBe(0);
    expect(r.today).toEqual(["PERMISSION_DENIED", "LOGIN_FAILURE", "ENTERPRISE_REGISTER"]);
    expect(r.summary).toEqual({ total: 3, loginFailures: 1, denied: 1 });
  });

  it("on PostgreSQL: the same answers", async () => {
    expect(dialectName()).toBe("postgres");
    expect(await scenario()).toEqual(onSqlite);
  });
});
