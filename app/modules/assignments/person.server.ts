import { prisma } from "#app/utils/db.server.ts";

/** One person's learning record for a manager: courses with lessons read, attempts, scores and completion time. */
export async function personRecord(userId: number) {
  const user = await prisma.user.findFirst({
    where: { id: userId, role: "STAFF" },
    select: {
      id: true,
      username: true,
      name: true,
      orgUnit: { select: { name: true, path: true } },
    },
  });
  if (!user?.orgUnit) return null;
  const statuses = await prisma.courseStatus.findMany({
    where: { userId },
    select: {
      courseId: true,
      startedAt: true,
      completedAt: true,
      course: { select: { title: true } },
    },
  });
  const courses = await Promise.all(
    statuses.map(async (s) => {
      const [lessons, read, attempts, completion] = await Promise.all([
        prisma.lesson.count({ where: { courseId: s.courseId, active: true } }),
        prisma.lessonProgress.count({
          where: { userId, readAt: { not: null }, lesson: { courseId: s.courseId, active: true } },
        }),
        prisma.quizAttempt.findMany({
          where: { userId, courseId: s.courseId, practice: false },
          orderBy: { id: "asc" },
          select: { id: true, startedAt: true, submittedAt: true, score: true, passed: true },
        }),
        prisma.completion.findUnique({
          where: { userId_courseId: { userId, courseId: s.courseId } },
          select: { completedAt: true, score: true, certificateNo: true, creditHours: true },
        }),
      ]);
      return {
        courseId: s.courseId,
        title: s.course.title,
        startedAt: s.startedAt,
        lessons,
        read,
        attempts,
        completion,
      };
    }),
  );
  const exams = await prisma.examAttempt.findMany({
    where: { userId },
    orderBy: { id: "asc" },
    select: { id: true, year: true, startedAt: true, submittedAt: true, score: true, passed: true },
  });
  return {
    user: { ...user, unitName: user.orgUnit.name, unitPath: user.orgUnit.path },
    courses,
    exams,
  };
}
