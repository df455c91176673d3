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

/**
 * 年度学时证明: the learner's 学时 of one Beijing calendar year from the view CreditLedger
 * (decision 0018), with each source named: completed courses (with their certificate) and
 * attended lectures and case discussions (issue 20).
 */
export async function annualStatement(userId: number, year: number) {
  const person = await db()
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.name", "u.username", "o.name as unitName"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  const [rows, events, total] = await Promise.all([
    db()
      .selectFrom("Completion as k")
      .innerJoin("Course as c", "c.id", "k.courseId")
      .select(["k.certificateNo", "k.completedAt", "k.creditHours", "k.score", "c.title"])
      .where("k.userId", "=", userId)
      .where("k.year", "=", year)
      .orderBy("k.completedAt")
      .execute(),
    db()
      .selectFrom("EventAttendance as a")
      .innerJoin("Event as e", "e.id", "a.eventId")
      .select(["e.id", "e.kind", "e.title", "e.startsAt", "a.creditHours"])
      .where("a.userId", "=", userId)
      .where("a.year", "=", year)
      .orderBy("e.startsAt")
      .execute(),
    db()
      .selectFrom("CreditLedger")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("creditHours"), eb.lit(0)).as("h"))
      .where("userId", "=", userId)
      .where("year", "=", year)
      .executeTakeFirstOrThrow(),
  ]);
  return { person: person ?? null, rows, events, hours: Number(total.h) };
}
