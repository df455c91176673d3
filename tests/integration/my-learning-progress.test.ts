import { describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { myLearning } from "#app/modules/learning/my-learning.server.ts";
import { makeUser, unique } from "./helpers.ts";

// 我的学习's 学习中的课程 before issue 14's session 10, one statement over every course's lessons;
// myLearning now builds the list from the kept catalogue content and the learner's own rows.
async function oldInProgress(userId: number) {
  return db()
    .selectFrom("Course as c")
    .innerJoin("Lesson as l", (j) => j.onRef("l.courseId", "=", "c.id").on("l.active", "=", true))
    .leftJoin("LessonProgress as p", (j) =>
      j.onRef("p.lessonId", "=", "l.id").on("p.userId", "=", userId),
    )
    .select((eb) => [
      "c.slug",
      "c.title",
      eb.fn.count<number>("l.id").as("lessons"),
      eb.fn.count<number>("p.readAt").as("readLessons"),
    ])
    .where("c.active", "=", true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("Completion as k")
            .select("k.id")
            .where("k.userId", "=", userId)
            .whereRef("k.courseId", "=", "c.id"),
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("LessonProgress as p2")
            .innerJoin("Lesson as l2", "l2.id", "p2.lessonId")
            .select("p2.lessonId")
            .where("p2.userId", "=", userId)
            .whereRef("l2.courseId", "=", "c.id"),
        ),
        eb.exists(
          eb
            .selectFrom("QuizAttempt as a")
            .select("a.id")
            .where("a.userId", "=", userId)
            .whereRef("a.courseId", "=", "c.id")
            .where("a.practice", "=", false),
        ),
      ]),
    )
    .groupBy(["c.id", "c.slug", "c.title", "c.sortOrder"])
    .orderBy("c.sortOrder")
    .orderBy("c.id")
    .execute();
}

/** A course with the given lessons (true = active), listed in the order made. */
async function course(lessons: boolean[], active = true) {
  const slug = unique("progress-");
  return write(async (tx) => {
    const { id } = await tx
      .insertInto("Course")
      .values({
        slug,
        title: `进度 ${slug}`,
        category: "测试",
        audience: "STAFF",
        summary: "—",
        creditHours: 1,
        passMark: 60,
        questionsPerAttempt: 1,
        timeLimitMinutes: 10,
        attemptLimit: 3,
        version: "v1",
        active,
        sortOrder: 900,
        updatedAt: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const [i, on] of lessons.entries())
      ids.push(
        (
          await tx
            .insertInto("Lesson")
            .values({
              courseId: id,
              slug: `l${i}`,
              position: i,
              title: `第${i + 1}课`,
              html: "<p>—</p>",
              textLength: 1,
              minReadSeconds: 1,
              version: "v1",
              active: on,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      );
    return { id, slug, lessons: ids };
  });
}

describe("我的学习: courses in progress from the kept catalogue and the learner's own rows", () => {
  it("lists what the old statement listed: begun by a lesson opened or a graded attempt, not completed", async () => {
    const user = await makeUser({ role: "STAFF" });
    const now = new Date("2026-05-01T00:00:00Z");
    const progress = (lessonId: number, read: boolean) =>
      write((tx) =>
        tx
          .insertInto("LessonProgress")
          .values({ userId: user.id, lessonId, openedAt: now, readAt: read ? now : null })
          .execute(),
      );
    const attempt = (courseId: number, practice: boolean) =>
      write((tx) =>
        tx
          .insertInto("QuizAttempt")
          .values({
            userId: user.id,
            courseId,
            courseVersion: "v1",
            practice,
            draw: "[]",
            startedAt: now,
            deadline: now,
          })
          .execute(),
      );
    const read = await course([true, true]); // one of two read
    await progress(read.lessons[0]!, true);
    const opened = await course([true]); // opened, not read
    await progress(opened.lessons[0]!, false);
    const graded = await course([true, true]); // a graded attempt only
    await attempt(graded.id, false);
    const practised = await course([true]); // a practice attempt only: not begun
    await attempt(practised.id, true);
    const completed = await course([true]); // read and completed: not listed
    await progress(completed.lessons[0]!, true);
    await write((tx) =>
      tx
        .insertInto("Completion")
        .values({
          userId: user.id,
          courseId: completed.id,
          courseVersion: "v1",
          score: 90,
          creditHours: 1,
          completedAt: now,
          year: 2026,
          certificateNo: unique("T-"),
          verifyCode: unique("V-"),
        })
        .execute(),
    );
    const retired = await course([false, true]); // read only a lesson since deactivated
    await progress(retired.lessons[0]!, true);
    const closed = await course([true], false); // an inactive course: not listed
    await progress(closed.lessons[0]!, true);
    const empty = await course([false]); // no active lesson: not listed
    await progress(empty.lessons[0]!, true);

    const mine = new Set(
      [read, opened, graded, practised, completed, retired, closed, empty].map((c) => c.slug),
    );
    const listed = (await myLearning({ id: user.id, role: "STAFF" }, now)).inProgress.filter((c) =>
      mine.has(c.slug),
    );
    expect(listed).toEqual([
      { slug: read.slug, title: `进度 ${read.slug}`, lessons: 2, readLessons: 1 },
      { slug: opened.slug, title: `进度 ${opened.slug}`, lessons: 1, readLessons: 0 },
      { slug: graded.slug, title: `进度 ${graded.slug}`, lessons: 2, readLessons: 0 },
      { slug: retired.slug, title: `进度 ${retired.slug}`, lessons: 1, readLessons: 0 },
    ]);
    const old = (await oldInProgress(user.id)).filter((c) => mine.has(c.slug));
    expect(listed).toEqual(
      old.map((r) => ({ ...r, lessons: Number(r.lessons), readLessons: Number(r.readLessons) })),
    );
  });
});
