import { db } from "#app/data/db.server.ts";

/** The event report: sign-ups, attendance by unit and feedback, all counted in SQL. */
export async function eventReport(eventId: number) {
  const [byUnit, feedback, comments] = await Promise.all([
    db()
      .selectFrom("EventSignup as s")
      .innerJoin("User as u", "u.id", "s.userId")
      .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
      .leftJoin("EventAttendance as a", (j) =>
        j.onRef("a.eventId", "=", "s.eventId").onRef("a.userId", "=", "s.userId"),
      )
      .leftJoin("EventJoin as jn", (j) =>
        j.onRef("jn.eventId", "=", "s.eventId").onRef("jn.userId", "=", "s.userId"),
      )
      .select((eb) => [
        "o.name as unitName",
        eb.fn.countAll<number>().filterWhere("s.status", "=", "CONFIRMED").as("confirmed"),
        eb.fn.countAll<number>().filterWhere("s.status", "=", "WAITLIST").as("waitlist"),
        eb.fn.count<number>("a.userId").as("attended"),
        // Online: joined through the platform's link, and of those checked in with the code.
        eb.fn.count<number>("jn.userId").as("joined"),
        eb.fn.countAll<number>().filterWhere("a.method", "=", "CODE").as("codeCheckedIn"),
      ])
      .where("s.eventId", "=", eventId)
      .groupBy("o.name")
      .orderBy("o.name")
      .execute(),
    db()
      .selectFrom("EventFeedback")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.avg<number>("rating").as("avg")])
      .where("eventId", "=", eventId)
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("EventFeedback")
      .select(["rating", "comment"])
      .where("eventId", "=", eventId)
      .where("comment", "!=", "")
      .orderBy("createdAt", "desc")
      .limit(50)
      .execute(),
  ]);
  // Walk-ins in the audience who checked in without signing up count under attendance too.
  const walkIns = await db()
    .selectFrom("EventAttendance as a")
    .innerJoin("User as u", "u.id", "a.userId")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .leftJoin("EventSignup as s", (j) =>
      j.onRef("s.eventId", "=", "a.eventId").onRef("s.userId", "=", "a.userId"),
    )
    .select((eb) => ["o.name as unitName", eb.fn.countAll<number>().as("n")])
    .where("a.eventId", "=", eventId)
    .where("s.userId", "is", null)
    .groupBy("o.name")
    .execute();
  const units = byUnit.map((r) => ({
    unitName: r.unitName ?? "（无单位）",
    confirmed: Number(r.confirmed),
    waitlist: Number(r.waitlist),
    attended: Number(r.attended),
    joined: Number(r.joined),
    codeCheckedIn: Number(r.codeCheckedIn),
  }));
  for (const w of walkIns) {
    const name = w.unitName ?? "（无单位）";
    const row = units.find((u) => u.unitName === name);
    if (row) row.attended += Number(w.n);
    else
      units.push({
        unitName: name,
        confirmed: 0,
        waitlist: 0,
        attended: Number(w.n),
        joined: 0,
        codeCheckedIn: 0,
      });
  }
  const total = units.reduce(
    (t, u) => ({
      confirmed: t.confirmed + u.confirmed,
      waitlist: t.waitlist + u.waitlist,
      attended: t.attended + u.attended,
      joined: t.joined + u.joined,
      codeCheckedIn: t.codeCheckedIn + u.codeCheckedIn,
    }),
    { confirmed: 0, waitlist: 0, attended: 0, joined: 0, codeCheckedIn: 0 },
  );
  return {
    units,
    total,
    feedback: {
      count: Number(feedback.n),
      average: feedback.avg === null ? null : Math.round(Number(feedback.avg) * 10) / 10,
    },
    comments,
  };
}
