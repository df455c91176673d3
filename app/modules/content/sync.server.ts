import { write } from "#app/data/db.server.ts";
import type { LoadedCourse } from "./load.server.ts";

/**
 * Loads validated courses into the database. Rows are upserted by slug/key and
 * never deleted: a lesson or question that left the files is marked inactive, so
 * progress, attempts and completions that name it stay intact. A new files hash
 * is a new course version; completions keep the version they were earned on.
 * One write transaction per course: a course is loaded whole or not at all.
 */
export async function syncCourses(
  courses: LoadedCourse[],
  now = new Date(),
  opts: { deactivateOthers?: boolean } = {},
): Promise<{ slug: string; version: string; changed: boolean }[]> {
  const report = [];
  for (const c of courses) {
    const changed = await write(async (tx) => {
      const fields = {
        title: c.meta.title,
        category: c.meta.category,
        audience: c.meta.audience,
        summary: c.meta.summary,
        creditHours: c.meta.creditHours,
        passMark: c.meta.passMark,
        questionsPerAttempt: c.meta.questionsPerAttempt,
        timeLimitMinutes: c.meta.timeLimitMinutes,
        attemptLimit: c.meta.attemptLimit,
        quizIntroHtml: c.quizIntroHtml,
        sortOrder: c.meta.order,
        version: c.version,
        active: true,
        updatedAt: now,
      };
      const before = await tx
        .selectFrom("Course")
        .select("version")
        .where("slug", "=", c.slug)
        .executeTakeFirst();
      const course = await tx
        .insertInto("Course")
        .values({ slug: c.slug, ...fields })
        .onConflict((oc) => oc.column("slug").doUpdateSet(fields))
        .returning("id")
        .executeTakeFirstOrThrow();
      const courseId = course.id;
      await tx
        .insertInto("CourseVersion")
        .values({ courseId, version: c.version, createdAt: now })
        .onConflict((oc) => oc.columns(["courseId", "version"]).doNothing())
        .execute();
      for (const l of c.lessons) {
        const data = {
          position: l.position,
          title: l.title,
          html: l.html,
          textLength: l.textLength,
          minReadSeconds: l.minReadSeconds,
          version: l.version,
          active: true,
        };
        await tx
          .insertInto("Lesson")
          .values({ courseId, slug: l.slug, ...data })
          .onConflict((oc) => oc.columns(["courseId", "slug"]).doUpdateSet(data))
          .execute();
      }
      let staleLessons = tx
        .updateTable("Lesson")
        .set({ active: false })
        .where("courseId", "=", courseId);
      if (c.lessons.length > 0)
        staleLessons = staleLessons.where(
          "slug",
          "not in",
          c.lessons.map((l) => l.slug),
        );
      await staleLessons.execute();
      for (const q of c.questions) {
        const data = {
          type: q.type,
          scenarioHtml: q.scenarioHtml,
          stem: q.stem,
          options: JSON.stringify(q.options),
          answer: JSON.stringify(q.answer),
          explanationHtml: q.explanationHtml,
          active: true,
        };
        await tx
          .insertInto("Question")
          .values({ courseId, key: q.key, ...data })
          .onConflict((oc) => oc.columns(["courseId", "key"]).doUpdateSet(data))
          .execute();
      }
      let staleQuestions = tx
        .updateTable("Question")
        .set({ active: false })
        .where("courseId", "=", courseId);
      if (c.questions.length > 0)
        staleQuestions = staleQuestions.where(
          "key",
          "not in",
          c.questions.map((q) => q.key),
        );
      await staleQuestions.execute();
      return before?.version !== c.version;
    });
    report.push({ slug: c.slug, version: c.version, changed });
  }
  if (opts.deactivateOthers !== false)
    await write(async (tx) => {
      let others = tx.updateTable("Course").set({ active: false, updatedAt: now });
      if (courses.length > 0)
        others = others.where(
          "slug",
          "not in",
          courses.map((c) => c.slug),
        );
      await others.execute();
    });
  return report;
}
