// The home pages' and the catalogue's queries (app/modules/home, learning/catalog.server.ts) on
// a throw-away PostgreSQL cluster: the same answers as tests/integration/home.test.ts on SQLite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, dialectName, write, type Tx } from "#app/data/db.server.ts";
import { adminHome } from "#app/modules/home/admin.server.ts";
import { securityEvents } from "#app/modules/home/auditor.server.ts";
import { enterpriseHome, expertHome } from "#app/modules/home/consult.server.ts";
import { staffHome } from "#app/modules/home/learner.server.ts";
import { managerHome } from "#app/modules/home/manager.server.ts";
import { catalogueView } from "#app/modules/learning/catalog.server.ts";
import { cardStatus } from "#app/modules/learning/catalog-view.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

let cluster: PgCluster | undefined;
const NOW = new Date("2026-06-10T12:00:00+08:00");
const T = new Date("2026-05-01T00:00:00Z");

async function unit(tx: Tx, code: string, parent: { id: number; path: string } | null) {
  const { id } = await tx
    .insertInto("OrgUnit")
    .values({
      code,
      name: code,
      kind: "DEPT",
      tier: 1,
      depth: parent ? 1 : 0,
      path: `tmp-${code}`,
      parentId: parent?.id ?? null,
      updatedAt: T,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? "/"}${id}/`;
  await tx.updateTable("OrgUnit").set({ path }).where("id", "=", id).execute();
  return { id, path };
}

async function user(tx: Tx, name: string, role: string, orgUnitId: number | null) {
  const { id } = await tx
    .insertInto("User")
    .values({ username: name, name, role, passwordHash: "x", orgUnitId, updatedAt: T })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

describe.skipIf(!pgAvailable())("home and catalogue queries on PostgreSQL", () => {
  beforeAll(async () => {
    cluster = await startPgCluster(3462);
    const url = await cluster.createDatabase("home");
    await migratePg(url);
    await closeDb();
    process.env.DATABASE_URL = url;
    resetEnvCache();
  });

  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });

  it("gives the staff, manager, enterprise, expert, admin and auditor homes their counts", async () => {
    expect(dialectName()).toBe("postgres");
    const w = await write(async (tx) => {
      const root = await unit(tx, "root", null);
      const a = await unit(tx, "a", root);
      const b = await unit(tx, "b", root);
      const staffA = await user(tx, "sa", "STAFF", a.id);
      const staffB = await user(tx, "sb", "STAFF", b.id);
      const { id: courseId } = await tx
        .insertInto("Course")
        .values({
          slug: "c1",
          title: "课程一",
          category: "测试",
          audience: "STAFF",
          summary: "简介",
          creditHours: 2.5,
          passMark: 60,
          questionsPerAttempt: 1,
          timeLimitMinutes: 10,
          attemptLimit: 3,
          version: "v1",
          updatedAt: T,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: assignmentId } = await tx
        .insertInto("Assignment")
        .values({
          title: "任务",
          dueAt: new Date("2026-06-15T23:59:59.999+08:00"),
          createdById: staffA,
          scopePath: root.path,
          createdAt: T,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx.insertInto("AssignmentCourse").values({ assignmentId, courseId }).execute();
      for (const [userId, u, done] of [
        [staffA, a, 1],
        [staffB, b, 0],
      ] as const)
        await tx
          .insertInto("AssignmentPerson")
          .values({
            assignmentId,
            userId,
            orgUnitId: u.id,
            unitPath: u.path,
            courses: 1,
            done,
            started: done,
            completedAt: done ? NOW : null,
          })
          .execute();
      await tx
        .insertInto("CourseStatus")
        .values({ userId: staffA, courseId, startedAt: T, completedAt: NOW })
        .execute();
      await tx
        .insertInto("Completion")
        .values({
          userId: staffA,
          courseId,
          courseVersion: "v1",
          score: 90,
          creditHours: 2.5,
          completedAt: NOW,
          year: 2026,
          certificateNo: "C1",
          verifyCode: "V1",
        })
        .execute();
      const entUser = await user(tx, "ent", "ENTERPRISE", null);
      const expUser = await user(tx, "exp", "EXPERT", null);
      const { id: enterpriseId } = await tx
        .insertInto("Enterprise")
        .values({
          userId: entUser,
          name: "企业",
          uscc: "91210300MA0Y8B2C1D",
          contactName: "联系人",
          contactMobile: "13800000000",
          status: "PENDING",
          createdAt: T,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: expertId } = await tx
        .insertInto("ExpertProfile")
        .values({ userId: expUser, title: "律师", organisation: "律所" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const at = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
      let n = 0;
      for (const [status, h] of [
        ["REQUESTED", 30],
        ["CONFIRMED", 2],
        ["CONFIRMED", -2],
      ] as const)
        await tx
          .insertInto("Booking")
          .values({
            enterpriseId,
            expertId,
            type: "CONSULTATION",
            mode: "PHONE",
            startAt: at(h),
            endAt: at(h + 1),
            slotHold: `s${++n}`,
            status,
            topic: `咨询${n}`,
            description: "说明",
            contactName: "联系人",
            contactMobile: "13800000000",
            createdAt: T,
            updatedAt: T,
          })
          .execute();
      for (const [iso, action, result] of [
        ["2026-06-10T01:00:00+08:00", "LOGIN_FAILURE", "FAILURE"],
        ["2026-06-09T23:00:00+08:00", "ACCOUNT_LOCKED", "FAILURE"],
        ["2026-06-04T00:00:00+08:00", "PERMISSION_DENIED", "DENIED"],
        ["2026-06-03T23:59:00+08:00", "LOGIN_FAILURE", "FAILURE"],
      ] as const)
        await tx
          .insertInto("AuditLog")
          .values({ at: new Date(iso), action, result })
          .execute();
      return { root, staffA, staffB, courseId, entUser, expUser };
    });

    const staff = await staffHome({ id: w.staffB }, NOW);
    expect(staff.tasks.map((t) => [t.title, t.daysLeft, t.detail.endsWith("已开始")])).toEqual([
      ["课程一", 5, false],
    ]);
    expect(staff.hours).toBe(0);
    expect((await staffHome({ id: w.staffA }, NOW)).hours).toBe(2.5);
    expect((await staffHome({ id: w.staffA }, NOW)).tasks).toEqual([]);

    const manager = await managerHome(w.root, NOW);
    expect(manager.behind.map((u) => [u.name, u.completed, u.assigned])).toEqual([
      ["b", 0, 1],
      ["a", 1, 1],
    ]);
    expect(manager.dueSoon.map((d) => [d.assigned, d.completed, d.daysLeft])).toEqual([[2, 1, 5]]);
    expect(manager.exam).toEqual({ staff: 2, sat: 0, passed: 0 });

    const enterprise = await enterpriseHome(w.entUser, NOW);
    expect(enterprise?.pending).toBe(true);
    expect(enterprise?.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: "REQUESTED", count: 1 },
      { status: "CONFIRMED", count: 2 },
    ]);
    expect(enterprise?.next?.topic).toBe("咨询2");
    const expert = await expertHome(w.expUser, NOW);
    expect(expert).toMatchObject({ toConfirm: 1, toComplete: 1 });
    expect(expert?.today.map((b) => b.topic)).toEqual(["咨询3", "咨询2"]);

    const admin = await adminHome(1, NOW);
    expect(admin.pendingEnterprises).toBe(1);
    expect(admin.health).toMatchObject({ database: true, dialect: "PostgreSQL" });

    const security = await securityEvents(NOW);
    expect(security.totals).toEqual({ failedLogins: 1, lockouts: 1, denials: 1 });
    expect(security.trend[0]).toEqual({
      day: "2026-06-04",
      failedLogins: 0,
      lockouts: 0,
      denials: 1,
    });

    const { courses: cards } = await catalogueView(
      { id: w.staffB, role: "STAFF", orgUnitPath: null },
      { q: "", category: "", status: "required" },
    );
    // Due 2026-06-15 23:59:59.999 in Beijing: the card's day is the Beijing day.
    expect(cards.map((c) => [c.title, cardStatus(c), c.due])).toEqual([
      ["课程一", "not_started", "2026-06-15"],
    ]);
    const { courses: managerCards } = await catalogueView(
      { id: w.staffA, role: "MANAGER", orgUnitPath: w.root.path },
      { q: "", category: "", status: "completed" },
    );
    expect(managerCards.map((c) => [c.title, c.assigned, c.done])).toEqual([
      ["课程一", true, "2026-06-10"],
    ]);
  });
});
