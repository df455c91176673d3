import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, faults } from "#app/data/db.server.ts";
import { loadCourses, type LoadedCourse } from "#app/modules/content/load.server.ts";
import { syncCourses } from "#app/modules/content/sync.server.ts";

const load = (): LoadedCourse => {
  const { courses, errors } = loadCourses(path.resolve("tests/fixtures/courses"));
  expect(errors).toEqual([]);
  return courses[0]!;
};

const state = async () => {
  const course = await db()
    .selectFrom("Course")
    .select(["id", "version", "active", "updatedAt"])
    .where("slug", "=", "quiz-demo")
    .executeTakeFirstOrThrow();
  const lessons = await db()
    .selectFrom("Lesson")
    .select(["slug", "active"])
    .where("courseId", "=", course.id)
    .orderBy("slug")
    .execute();
  const questions = await db()
    .selectFrom("Question")
    .select(["key", "active"])
    .where("courseId", "=", course.id)
    .orderBy("key")
    .execute();
  const versions = await db()
    .selectFrom("CourseVersion")
    .select(["version", "createdAt"])
    .where("courseId", "=", course.id)
    .orderBy("id")
    .execute();
  return { course, lessons, questions, versions };
};

describe("content sync (upsert by slug/key, never delete)", () => {
  it("loads a course, reports a changed version once, marks what left the files inactive, and keeps a failed sync out whole", async () => {
    const c = load();
    const t1 = new Date("2026-02-01T00:00:00Z");
    expect(await syncCourses([c], t1)).toEqual([
      { slug: "quiz-demo", version: c.version, changed: true },
    ]);
    expect(await syncCourses([c], t1)).toEqual([
      { slug: "quiz-demo", version: c.version, changed: false },
    ]);
    const first = await state();
    expect(first.course).toMatchObject({ version: c.version, active: true, updatedAt: t1 });
    expect(first.lessons.every((l) => l.active === true)).toBe(true);
    expect(first.versions).toEqual([{ version: c.version, createdAt: t1 }]);

    // A lesson and a question leave the files: a new version, those rows inactive, not deleted.
    const gone = { lesson: c.lessons.at(-1)!.slug, question: c.questions.at(-1)!.key };
    const v2: LoadedCourse = {
      ...c,
      version: "test-v2",
      lessons: c.lessons.slice(0, -1),
      questions: c.questions.slice(0, -1),
    };
    const t2 = new Date("2026-02-02T00:00:00Z");
    expect((await syncCourses([v2], t2))[0]!.changed).toBe(true);
    const second = await state();
    expect(second.lessons).toHaveLength(first.lessons.length);
    expect(second.lessons.filter((l) => !l.active).map((l) => l.slug)).toEqual([gone.lesson]);
    expect(second.questions.filter((q) => !q.active).map((q) => q.key)).toEqual([gone.question]);
    expect(second.versions.map((v) => v.version)).toEqual([c.version, "test-v2"]);

    // A sync whose transaction fails at COMMIT leaves the course exactly as it was.
    faults.beforeCommit = () => {
      faults.beforeCommit = undefined;
      throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    };
    await expect(syncCourses([{ ...c, version: "test-v3" }], t2)).rejects.toThrow(/full/);
    expect(await state()).toEqual(second);

    // The original files come back: everything active again.
    await syncCourses([c], t2);
    const third = await state();
    expect([...third.lessons, ...third.questions].every((r) => r.active === true)).toBe(true);

    // A course no longer in the files is retired, unless only some courses are synced.
    await syncCourses([], t2, { deactivateOthers: false });
    expect((await state()).course.active).toBe(true);
    await syncCourses([], t2);
    expect((await state()).course.active).toBe(false);
  });
});
