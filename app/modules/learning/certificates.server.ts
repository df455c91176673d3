import { db } from "#app/data/db.server.ts";

/** The learner's own certificate: another user's number is not found. */
export async function getOwnCertificate(certificateNo: string, userId: number) {
  const r = await db()
    .selectFrom("Completion as k")
    .innerJoin("Course as c", "c.id", "k.courseId")
    .innerJoin("User as u", "u.id", "k.userId")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select([
      "k.certificateNo",
      "k.verifyCode",
      "k.completedAt",
      "k.creditHours",
      "k.score",
      "k.courseVersion",
      "c.title as courseTitle",
      "u.name as userName",
      "o.name as unitName",
    ])
    .where("k.certificateNo", "=", certificateNo)
    .where("k.userId", "=", userId)
    .executeTakeFirst();
  if (!r) return null;
  const { courseTitle, userName, unitName, ...cert } = r;
  return {
    ...cert,
    course: { title: courseTitle },
    user: { name: userName, orgUnit: unitName === null ? null : { name: unitName } },
  };
}

/** Public check: number and code must both match; only name, course and date are revealed. */
export async function verifyCertificate(certificateNo: string, code: string) {
  const row = await db()
    .selectFrom("Completion as k")
    .innerJoin("Course as c", "c.id", "k.courseId")
    .innerJoin("User as u", "u.id", "k.userId")
    .select(["k.verifyCode", "k.completedAt", "c.title", "u.name"])
    .where("k.certificateNo", "=", certificateNo)
    .executeTakeFirst();
  if (!row || row.verifyCode !== code.toUpperCase()) return null;
  return { name: row.name, course: row.title, completedAt: row.completedAt };
}

/** 年度学时证明: the learner's completions in one Beijing calendar year, with their 学时. */
export async function annualStatement(userId: number, year: number) {
  const person = await db()
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.name", "u.username", "o.name as unitName"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  const rows = await db()
    .selectFrom("Completion as k")
    .innerJoin("Course as c", "c.id", "k.courseId")
    .select(["k.certificateNo", "k.completedAt", "k.creditHours", "k.score", "c.title"])
    .where("k.userId", "=", userId)
    .where("k.year", "=", year)
    .orderBy("k.completedAt")
    .execute();
  const hours = rows.reduce((sum, r) => sum + r.creditHours, 0);
  return { person: person ?? null, rows, hours };
}
