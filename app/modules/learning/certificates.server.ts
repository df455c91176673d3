import { prisma } from "#app/utils/db.server.ts";

/** The learner's own certificate: another user's number is not found. */
export function getOwnCertificate(certificateNo: string, userId: number) {
  return prisma.completion.findFirst({
    where: { certificateNo, userId },
    select: {
      certificateNo: true,
      verifyCode: true,
      completedAt: true,
      creditHours: true,
      score: true,
      courseVersion: true,
      course: { select: { title: true } },
      user: { select: { name: true, orgUnit: { select: { name: true } } } },
    },
  });
}

/** Public check: number and code must both match; only name, course and date are revealed. */
export async function verifyCertificate(certificateNo: string, code: string) {
  const row = await prisma.completion.findUnique({
    where: { certificateNo },
    select: {
      verifyCode: true,
      completedAt: true,
      course: { select: { title: true } },
      user: { select: { name: true } },
    },
  });
  if (!row || row.verifyCode !== code.toUpperCase()) return null;
  return { name: row.user.name, course: row.course.title, completedAt: row.completedAt };
}
