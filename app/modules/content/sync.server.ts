import { prisma } from "#app/utils/db.server.ts";
import type { LoadedCourse } from "./load.server.ts";

/**
 * Loads validated courses into the database. Rows are upserted by slug/key and
 * never deleted: a lesson or question that left the files is marked inactive, so
 * progress, attempts and completions that name it stay intact. A new files hash
 * is a new course version; completions keep the version they were earned on.
 */
export async function syncCourses(
  courses: LoadedCourse[],
  now = new Date(),
  opts: { deactivateOthers?: boolean } = {},
): Promise<{ slug: string; version: string; changed: boolean }[]> {
  const report = [];
  for (const c of courses) {
    const changed = await prisma.$transaction(async (tx) => {
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
      };
      const before = await tx.course.findUnique({ where: { slug: c.slug }, select: { version: true } });
      const course = await tx.course.upsert({ where: { slug: c.slug }, create: { slug: c.slug, ...fields }, update: fields, select: { id: true } });
      await tx.courseVersion.upsert({
        where: { courseId_version: { courseId: course.id, version: c.version } },
        create: { courseId: course.id, version: c.version, createdAt: now },
        update: {},
        select: { id: true },
      });
      for (const l of c.lessons) {
        const data = { position: l.position, title: l.title, html: l.html, textLength: l.textLength, minReadSeconds: l.minReadSeconds, version: l.version, active: true };
        await tx.lesson.upsert({ where: { courseId_slug: { courseId: course.id, slug: l.slug } }, create: { courseId: course.id, slug: l.slug, ...data }, update: data, select: { id: true } });
      }
      await tx.lesson.updateMany({ where: { courseId: course.id, slug: { notIn: c.lessons.map((l) => l.slug) } }, data: { active: false } });
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
        await tx.question.upsert({ where: { courseId_key: { courseId: course.id, key: q.key } }, create: { courseId: course.id, key: q.key, ...data }, update: data, select: { id: true } });
      }
      await tx.question.updateMany({ where: { courseId: course.id, key: { notIn: c.questions.map((q) => q.key) } }, data: { active: false } });
      return before?.version !== c.version;
    });
    report.push({ slug: c.slug, version: c.version, changed });
  }
  if (opts.deactivateOthers !== false)
    await prisma.course.updateMany({ where: { slug: { notIn: courses.map((c) => c.slug) } }, data: { active: false } });
  return report;
}
