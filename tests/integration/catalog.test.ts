import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { createAssignment } from "#app/modules/assignments/assignments.server.ts";
import { markCourseStarted } from "#app/modules/learning/course-status.server.ts";
import { catalogContent } from "#app/modules/learning/catalog-content.server.ts";
import { catalogueView } from "#app/modules/learning/catalog.server.ts";
import { cardStatus } from "#app/modules/learning/catalog-view.ts";
import type { CatalogStatus } from "#app/modules/learning/schemas.ts";
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

type Learner = { id: number; role: string; orgUnitPath: string | null };
const all = { q: "", category: "", status: "" as const };
/** The learner's cards for a search (topic and words, any status). */
const search = async (u: Learner, q: string, category = "") =>
  (await catalogueView(u, { q, category, status: "" })).courses;
/** The slugs of the learner's cards with a status filter. */
const slugs = async (u: Learner, status: CatalogStatus) =>
  (await catalogueView(u, { ...all, status })).courses.map((c) => c.slug);

describe("course catalogue", () => {
  it("lists the role's courses with lesson counts and no progress for a new learner", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF", orgUnitPath: null };
    const page = await catalogueView(user, all);
    const card = page.courses.find((c) => c.slug === "quiz-demo");
    // Only what the card renders: no ids, no status (derived), no marks it does not show.
    expect(card).toEqual({
      slug: "quiz-demo",
      title: "Quiz 100%_demo 测验引擎",
      category: "测试",
      summary: expect.any(String),
      creditHours: expect.any(Number),
      lessons: course.lessons.length,
      read: 0,
    });
    expect(cardStatus(card!)).toBe("not_started");
    // The role's topics, sorted, one each.
    const topics = [...new Set(page.courses.map((c) => c.category))].sort();
    expect(page.categories).toEqual(topics);
    expect(page.categories).toContain("测试");
    const enterprise = { ...(await makeUser({ role: "ENTERPRISE" })), role: "ENTERPRISE" };
    const theirs = await catalogueView({ ...enterprise, orgUnitPath: null }, all);
    expect(theirs.courses.map((c) => c.slug)).not.toContain("quiz-demo");
    expect(theirs.categories).not.toContain("测试");
  });

  it("searches title and summary as a literal, case-sensitive substring", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF", orgUnitPath: null };
    const ids = async (q: string, category = "") =>
      (await search(user, q, category)).map((c) => c.slug);
    expect(await ids("Quiz")).toContain("quiz-demo");
    expect(await ids("两课")).toContain("quiz-demo"); // summary
    expect(await ids("100%_")).toContain("quiz-demo");
    expect(await ids("quiz")).not.toContain("quiz-demo"); // case-sensitive
    expect(await ids("Q_iz")).not.toContain("quiz-demo"); // `_` is not a wildcard
    expect(await ids("Quiz", "其他")).not.toContain("quiz-demo");
    expect(await ids("Quiz", "测试")).toContain("quiz-demo");
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
    const cards = await search(user, "测验引擎");
    expect(cards.map((c) => c.slug)).toEqual(["quiz-demo", "summary-only-match"]);
    // Without words, catalogue order (sortOrder): the summary match first.
    const order = (await search(user, "")).map((c) => c.slug);
    expect(order.indexOf("summary-only-match")).toBeLessThan(order.indexOf("quiz-demo"));
  });

  it("gives the learner's completion day in Beijing time and every lesson read", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF", orgUnitPath: null };
    const at = new Date("2026-03-01T17:00:00Z"); // 2026-03-02 01:00 in Beijing
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
    const card = (await search(user, "")).find((c) => c.slug === "quiz-demo");
    expect(card).toMatchObject({ done: "2026-03-02", read: course.lessons.length });
    expect(cardStatus(card!)).toBe("completed");
    expect(await slugs(user, "completed")).toEqual(["quiz-demo"]);
  });
});

describe("catalogue cards", () => {
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
    const card = async (u: Learner) => (await search(u, "")).find((c) => c.slug === "quiz-demo");
    const learner = { id: me.id, role: "STAFF", orgUnitPath: unit.path };
    const mine = await card(learner);
    // Due 2026-12-20 23:59:59.999 in Beijing: the Beijing day.
    expect(mine?.due).toBe("2026-12-20");
    expect(mine).not.toHaveProperty("assigned");
    expect(await card({ id: other.id, role: "STAFF", orgUnitPath: null })).not.toHaveProperty(
      "due",
    );
    // 已布置: the manager who assigned it (his subtree) sees the mark; another manager does not.
    // An admin has no catalogue (no audience).
    expect((await card(managerUser))?.assigned).toBe(true);
    const elsewhere = await makeUnit("别处", null, "DEPARTMENT");
    expect(
      await card({ id: other.id, role: "MANAGER", orgUnitPath: elsewhere.path }),
    ).not.toHaveProperty("assigned");
    expect(await card({ id: other.id, role: "ADMIN", orgUnitPath: null })).toBeUndefined();
    expect(await slugs(learner, "required")).toEqual(["quiz-demo"]);
    expect(await slugs(learner, "not_started")).toContain("quiz-demo");
    expect(await slugs(learner, "in_progress")).not.toContain("quiz-demo");
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
    expect(await slugs(u, "in_progress")).toEqual(["quiz-demo"]);
    expect(await slugs(u, "not_started")).not.toContain("quiz-demo");
    expect(await slugs(u, "completed")).not.toContain("quiz-demo");
    const card = (await search(u, "Quiz"))[0];
    expect(card).toMatchObject({ slug: "quiz-demo", read: 1 });
    expect(cardStatus(card!)).toBe("in_progress");
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
    const card = async () => (await search(user, "")).find((c) => c.slug === "quiz-demo");
    expect(await card()).toMatchObject({
      title: "改名后的课程",
      lessons: course.lessons.length,
      read: 1,
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
  it("keep every role's filters consistent: topics, words, statuses and the marks", async () => {
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
    const lessons = course.lessons.length;
    // The quiz-demo card each of them sees (read: the active lessons read; none for the enterprise).
    const quizCard = (read: number) => [
      { slug: "quiz-demo", read, due: "2026-12-21" },
      { slug: "quiz-demo", read: 0, assigned: true },
      { slug: "quiz-demo", read: lessons, done: "2026-04-02" }, // 20:00 UTC: the next day in Beijing
      undefined,
      undefined, // an admin has no audience: no catalogue
    ];
    const statuses = ["not_started", "in_progress", "completed"] as const;
    let cards = 0;
    const checkAll = async (read: number) => {
      const expected = quizCard(read);
      for (const [n, u] of users.entries()) {
        const page = await catalogueView(u, all);
        const slugsOf = (cs: { slug: string }[]) => cs.map((c) => c.slug);
        const quiz = page.courses.find((c) => c.slug === "quiz-demo");
        if (expected[n]) expect(quiz).toMatchObject(expected[n]!);
        else expect(quiz).toBeUndefined();
        for (const key of ["due", "assigned", "done"] as const)
          if (expected[n] && !(key in expected[n]!)) expect(quiz).not.toHaveProperty(key);
        expect(page.categories).toEqual([...new Set(page.courses.map((c) => c.category))].sort());
        cards += page.courses.length;
        // The statuses split the list, in catalogue order; 必修 is the cards with a due day.
        const byStatus = await Promise.all(
          statuses.map(async (status) => (await catalogueView(u, { ...all, status })).courses),
        );
        for (const [k, status] of statuses.entries())
          for (const c of byStatus[k]!) expect(cardStatus(c)).toBe(status);
        expect(slugsOf(byStatus.flat()).sort()).toEqual(slugsOf(page.courses).sort());
        const required = (await catalogueView(u, { ...all, status: "required" })).courses;
        expect(required).toEqual(page.courses.filter((c) => c.due !== undefined));
        // A topic: that topic's cards, in order; words: a subset, title matches first.
        const topic = await catalogueView(u, { ...all, category: "测试" });
        expect(topic.courses).toEqual(page.courses.filter((c) => c.category === "测试"));
        expect(topic.categories).toEqual(page.categories);
        const words = (await catalogueView(u, { q: "Quiz", category: "测试", status: "" })).courses;
        expect(slugsOf(words)).toEqual(expected[n] ? ["quiz-demo"] : []);
        expect((await catalogueView(u, { ...all, q: "没有这样的课" })).courses).toEqual([]);
      }
    };
    await checkAll(1);
    expect(cards).toBeGreaterThan(0);
    // A read lesson since deactivated counts for neither (the kept lesson map follows the version).
    const setActive = (active: boolean) =>
      write((tx) =>
        tx.updateTable("Lesson").set({ active }).where("id", "=", course.lessons[0]!.id).execute(),
      );
    await setActive(false);
    const progress = await catalogueView(users[0]!, { q: "Quiz", category: "", status: "" });
    expect(progress.courses.map((c) => [c.read, c.lessons])).toEqual([[0, lessons - 1]]);
    await setActive(true);
    await checkAll(1);
    const mine = await catalogueView(users[0]!, { q: "", category: "", status: "required" });
    expect(mine.courses.map((c) => [c.slug, c.due, c.read])).toEqual([
      ["quiz-demo", "2026-12-21", 1],
    ]);
  });
});
