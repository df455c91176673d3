import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { createAssignment } from "#app/modules/assignments/assignments.server.ts";
import { markCourseStarted } from "#app/modules/learning/course-status.server.ts";
import { catalogContent } from "#app/modules/learning/catalog-content.server.ts";
import {
  catalogCategories,
  catalogue,
  cataloguePage,
  catalogueView,
  listCatalog,
} from "#app/modules/learning/catalog.server.ts";
import { courseCardView } from "#app/modules/learning/catalog-view.ts";
import { makeUnit, makeUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

let course: Awaited<ReturnType<typeof syncFixtureCourse>>;

beforeAll(async () => {
  course = await syncFixtureCourse();
  await write((tx) =>
    tx
      .updateTable("Course")
      .set({ title: "Quiz 100%_demo 测验引擎" })
      .where("id", "=", course.id)
      .execute(),
  );
});

describe("course catalogue", () => {
  it("lists the role's courses with lesson counts and no progress for a new learner", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF" };
    const rows = await listCatalog(user, { q: "", category: "" });
    const row = rows.find((r) => r.id === course.id);
    expect(row).toMatchObject({
      slug: "quiz-demo",
      category: "测试",
      lessons: course.lessons.length,
      readLessons: 0,
      completedAt: null,
    });
    expect(await catalogCategories("STAFF")).toContain("测试");
    const enterprise = { ...(await makeUser({ role: "ENTERPRISE" })), role: "ENTERPRISE" };
    expect((await listCatalog(enterprise, { q: "", category: "" })).map((r) => r.id)).not.toContain(
      course.id,
    );
  });

  it("searches title and summary as a literal, case-sensitive substring", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF" };
    const ids = async (q: string, category = "") =>
      (await listCatalog(user, { q, category })).map((r) => r.id);
    expect(await ids("Quiz")).toContain(course.id);
    expect(await ids("两课")).toContain(course.id); // summary
    expect(await ids("100%_")).toContain(course.id);
    expect(await ids("quiz")).not.toContain(course.id); // case-sensitive
    expect(await ids("Q_iz")).not.toContain(course.id); // `_` is not a wildcard
    expect(await ids("Quiz", "其他")).not.toContain(course.id);
    expect(await ids("Quiz", "测试")).toContain(course.id);
  });

  it("lists the courses whose title holds the search words before those whose summary alone does", async () => {
    // Listed first by sortOrder, matched only deep in its summary (cut from the card).
    await write((tx) =>
      tx
        .insertInto("Course")
        .values({
          slug: "summary-only-match",
          title: "另一门课程",
          category: "测试",
          audience: "STAFF",
          summary: `${"导语".repeat(100)}测验引擎`,
          creditHours: 1,
          passMark: 60,
          questionsPerAttempt: 5,
          timeLimitMinutes: 10,
          attemptLimit: 3,
          quizIntroHtml: null,
          sortOrder: -100,
          version: "t",
          updatedAt: new Date(),
        })
        .execute(),
    );
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF", orgUnitPath: null };
    const cards = await catalogue(user, { q: "测验引擎", category: "", status: "" });
    expect(cards.map((c) => c.slug)).toEqual(["quiz-demo", "summary-only-match"]);
  });

  it("gives the learner's completion time as a Date", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF" };
    const at = new Date("2026-03-01T10:00:00+08:00");
    await write((tx) =>
      tx
        .insertInto("Completion")
        .values({
          userId: user.id,
          courseId: course.id,
          courseVersion: course.version,
          score: 100,
          creditHours: 2,
          completedAt: at,
          year: 2026,
          certificateNo: `T-${user.id}`,
          verifyCode: `V-${user.id}`,
        })
        .execute(),
    );
    const row = (await listCatalog(user, { q: "", category: "" })).find((r) => r.id === course.id);
    expect(row?.completedAt).toEqual(at);
  });
});

describe("catalogue cards", () => {
  const all = { q: "", category: "", status: "" as const };

  it("marks a course assigned to the learner 必修 with its due date, and only for him", async () => {
    const unit = await makeUnit("科室", null, "DEPARTMENT");
    const me = await makeUser({ orgUnitId: unit.id });
    const other = await makeUser({ orgUnitId: null });
    const manager = await makeUser({ role: "MANAGER", orgUnitId: unit.id });
    const managerUser = { ...manager, role: "MANAGER", orgUnitPath: unit.path };
    const r = await createAssignment(
      { ...managerUser, username: manager.username },
      null,
      {
        title: "必修任务",
        note: "",
        dueDate: "2026-12-20",
        courseId: [course.id],
        unitCodes: [unit.code],
        includeSubunits: undefined,
        usernames: [],
      },
      new Date("2026-05-01T00:00:00+08:00"),
    );
    expect(r.ok).toBe(true);
    const card = async (u: { id: number; role: string; orgUnitPath: string | null }) =>
      (await catalogue(u, all)).find((c) => c.id === course.id);
    const mine = await card({ id: me.id, role: "STAFF", orgUnitPath: unit.path });
    expect(mine?.requiredDue).toEqual(new Date("2026-12-20T23:59:59.999+08:00"));
    expect(mine?.assignedByMe).toBe(false);
    expect(
      (await card({ id: other.id, role: "STAFF", orgUnitPath: null }))?.requiredDue,
    ).toBeNull();
    // 已布置: the manager who assigned it (his subtree) sees the mark; another manager does not.
    expect((await card(managerUser))?.assignedByMe).toBe(true);
    const elsewhere = await makeUnit("别处", null, "DEPARTMENT");
    expect(
      (await card({ id: other.id, role: "MANAGER", orgUnitPath: elsewhere.path }))?.assignedByMe,
    ).toBe(false);
    const ids = async (status: "required" | "not_started" | "in_progress" | "completed") =>
      (
        await catalogue({ id: me.id, role: "STAFF", orgUnitPath: unit.path }, { ...all, status })
      ).map((c) => c.id);
    expect(await ids("required")).toEqual([course.id]);
    expect(await ids("not_started")).toContain(course.id);
    expect(await ids("in_progress")).not.toContain(course.id);
  });

  it("filters by the learner's status: 学习中 once a lesson is read", async () => {
    const me = await makeUser();
    await write((tx) => markCourseStarted(tx, me.id, course.id, new Date()));
    await write((tx) =>
      tx
        .insertInto("LessonProgress")
        .values({
          userId: me.id,
          lessonId: course.lessons[0]!.id,
          openedAt: new Date(),
          readAt: new Date(),
        })
        .execute(),
    );
    const u = { id: me.id, role: "STAFF", orgUnitPath: null };
    const ids = async (status: "in_progress" | "not_started" | "completed") =>
      (await catalogue(u, { ...all, status })).map((c) => c.id);
    expect(await ids("in_progress")).toEqual([course.id]);
    expect(await ids("not_started")).not.toContain(course.id);
    expect(await ids("completed")).not.toContain(course.id);
  });
});

describe("kept catalogue content (RollupVersion 6)", () => {
  const version = async () =>
    (
      await db()
        .selectFrom("RollupVersion")
        .select("version")
        .where("id", "=", 6)
        .executeTakeFirstOrThrow()
    ).version;

  it("is reused while the version stands; a course or lesson write shows at the next read", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF", orgUnitPath: null };
    const first = await catalogContent();
    expect(await catalogContent()).toBe(first); // kept: the same list, not read again
    // A learner's progress is not content: the version stands.
    const v0 = await version();
    const now = new Date();
    await write((tx) =>
      tx
        .insertInto("LessonProgress")
        .values({ userId: user.id, lessonId: course.lessons[1]!.id, openedAt: now, readAt: now })
        .execute(),
    );
    expect(await version()).toBe(v0);
    expect(await catalogContent()).toBe(first);
    // Any change to a course (here its title) bumps it, and the next read has it.
    await write((tx) =>
      tx.updateTable("Course").set({ title: "改名后的课程" }).where("id", "=", course.id).execute(),
    );
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    const card = async () =>
      (await catalogue(user, { q: "", category: "", status: "" })).find((c) => c.id === course.id);
    expect(await card()).toMatchObject({
      title: "改名后的课程",
      lessons: course.lessons.length,
      readLessons: 1,
      status: "in_progress",
    });
    // A lesson deactivated: one lesson fewer on the card.
    await write((tx) =>
      tx
        .updateTable("Lesson")
        .set({ active: false })
        .where("id", "=", course.lessons[0]!.id)
        .execute(),
    );
    expect(await version()).toBeGreaterThan(v1);
    expect(await card()).toMatchObject({ lessons: course.lessons.length - 1 });
    await write((tx) =>
      tx
        .updateTable("Lesson")
        .set({ active: true })
        .where("id", "=", course.lessons[0]!.id)
        .execute(),
    );
    expect(await card()).toMatchObject({ lessons: course.lessons.length });
    // A course closed: gone from the catalogue at the next read.
    await write((tx) =>
      tx.updateTable("Course").set({ active: false }).where("id", "=", course.id).execute(),
    );
    expect(await card()).toBeUndefined();
    await write((tx) =>
      tx
        .updateTable("Course")
        .set({ active: true, title: "Quiz 100%_demo 测验引擎" })
        .where("id", "=", course.id)
        .execute(),
    );
    expect(await card()).toMatchObject({ title: "Quiz 100%_demo 测验引擎" });
  });
});

describe("the page's card views (catalogueView)", () => {
  it("are cataloguePage's cards as courseCardView makes them, for every role, filter and status", async () => {
    const unit = await makeUnit("视图科", null, "DEPARTMENT");
    const learner = await makeUser({ orgUnitId: unit.id });
    const manager = await makeUser({ role: "MANAGER", orgUnitId: unit.id });
    const managerUser = { ...manager, role: "MANAGER", orgUnitPath: unit.path };
    const assigned = await createAssignment(
      { ...managerUser, username: manager.username },
      null,
      {
        title: "视图必修",
        note: "",
        dueDate: "2026-12-21",
        courseId: [course.id],
        unitCodes: [unit.code],
        includeSubunits: undefined,
        usernames: [],
      },
      new Date("2026-05-01T00:00:00+08:00"),
    );
    expect(assigned.ok).toBe(true);
    const now = new Date();
    await write((tx) =>
      tx
        .insertInto("LessonProgress")
        .values({ userId: learner.id, lessonId: course.lessons[0]!.id, openedAt: now, readAt: now })
        .execute(),
    );
    const finished = await makeUser();
    await write((tx) =>
      tx
        .insertInto("Completion")
        .values({
          userId: finished.id,
          courseId: course.id,
          courseVersion: course.version,
          score: 90,
          creditHours: 2,
          completedAt: new Date("2026-04-01T20:00:00Z"),
          year: 2026,
          certificateNo: `V-${finished.id}`,
          verifyCode: `W-${finished.id}`,
        })
        .execute(),
    );
    const enterprise = await makeUser({ role: "ENTERPRISE" });
    const users = [
      { id: learner.id, role: "STAFF", orgUnitPath: unit.path },
      managerUser,
      { id: finished.id, role: "STAFF", orgUnitPath: null },
      { id: enterprise.id, role: "ENTERPRISE", orgUnitPath: null },
      { id: learner.id, role: "ADMIN", orgUnitPath: null },
    ];
    const filters = [
      { q: "", category: "", status: "" },
      { q: "测验引擎", category: "", status: "" },
      { q: "Quiz", category: "测试", status: "" },
      { q: "", category: "测试", status: "" },
      { q: "没有这样的课", category: "", status: "" },
      ...(["required", "not_started", "in_progress", "completed"] as const).map((status) => ({
        q: "",
        category: "",
        status,
      })),
    ] as const;
    let cards = 0;
    const compareAll = async () => {
      for (const u of users)
        for (const f of filters) {
          const page = await cataloguePage(u, f);
          const view = await catalogueView(u, f);
          expect(view).toEqual({
            courses: page.cards.map(courseCardView),
            categories: page.categories,
          });
          cards += view.courses.length;
        }
    };
    await compareAll();
    expect(cards).toBeGreaterThan(0);
    // A read lesson since deactivated counts for neither (the kept lesson map follows the version).
    const setActive = (active: boolean) =>
      write((tx) =>
        tx.updateTable("Lesson").set({ active }).where("id", "=", course.lessons[0]!.id).execute(),
      );
    await setActive(false);
    await compareAll();
    const progress = await catalogueView(users[0]!, { q: "Quiz", category: "", status: "" });
    expect(progress.courses.map((c) => c.read)).toEqual([0]);
    await setActive(true);
    await compareAll();
    const mine = await catalogueView(users[0]!, { q: "", category: "", status: "required" });
    expect(mine.courses.map((c) => [c.slug, c.due, c.read])).toEqual([
      ["quiz-demo", "2026-12-21", 1],
    ]);
  });
});
