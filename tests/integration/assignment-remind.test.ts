// Issue 17: at most one reminder per person and assignment per 24 hours, enforced in the
// database (AssignmentReminder claims); one person alone; the scheduled reminder before the due
// date, idempotent and run once across processes (job claims, decision 0017).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import { createAssignment } from "#app/modules/assignments/assignments.server.ts";
import {
  lastReminders,
  remindBehind,
  remindOne,
  remindPeople,
} from "#app/modules/assignments/remind.server.ts";
import {
  sendDueReminders,
  setRemindDaysBefore,
} from "#app/modules/assignments/remind-due.server.ts";
import { countRows, makeUnit, makeUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const ADMIN = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
const HOUR = 3600_000;

let courseId: number;
beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
});

async function world(people = 3, dueDate = "2099-01-01") {
  const city = await makeUnit("提醒市", null, "CITY");
  const staff = [];
  for (let i = 0; i < people; i++) staff.push(await makeUser({ orgUnitId: city.id }));
  const r = await createAssignment(ADMIN, null, {
    title: `提醒${Math.random()}`,
    note: "",
    dueDate,
    courseId: [courseId],
    unitCodes: [city.code],
    includeSubunits: "on",
    usernames: [],
  });
  if (!r.ok) throw new Error("not created");
  const assignment = await db()
    .selectFrom("Assignment")
    .select(["id", "title", "dueAt"])
    .where("id", "=", r.id)
    .executeTakeFirstOrThrow();
  return { city, staff, assignment };
}

const reminders = (assignmentId: number) =>
  db()
    .selectFrom("Notification as n")
    .innerJoin("AssignmentPerson as p", "p.userId", "n.userId")
    .where("p.assignmentId", "=", assignmentId)
    .where("n.kind", "=", "ASSIGNMENT_REMINDER")
    .select("n.userId")
    .execute()
    .then((rows) => rows.length);

describe("assignment reminders: one per person per 24 h", () => {
  it("a second reminder within 24 h skips everyone and names them; after 24 h it sends again", async () => {
    const w = await world(3);
    const t0 = new Date();
    const first = await remindBehind(ADMIN, null, w.assignment, w.city.path, t0);
    expect(first).toMatchObject({ reminded: 3, skipped: 0 });
    const second = await remindBehind(
      ADMIN,
      null,
      w.assignment,
      w.city.path,
      new Date(t0.getTime() + 23 * HOUR),
    );
    expect(second).toMatchObject({ reminded: 0, skipped: 3 });
    expect(second.skippedPeople.map((p) => p.userId).sort()).toEqual(
      w.staff.map((s) => s.id).sort(),
    );
    expect(second.skippedPeople[0]!.lastSentAt?.getTime()).toBe(t0.getTime());
    expect(await reminders(w.assignment.id)).toBe(3);
    const later = await remindBehind(
      ADMIN,
      null,
      w.assignment,
      w.city.path,
      new Date(t0.getTime() + 24 * HOUR),
    );
    expect(later.reminded).toBe(3);
    expect(await reminders(w.assignment.id)).toBe(6);
  });

  it("two managers clicking at once send each person one reminder (race)", async () => {
    const w = await world(5);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => remindBehind(ADMIN, null, w.assignment, w.city.path)),
    );
    expect(results.reduce((n, r) => n + r.reminded, 0)).toBe(5);
    expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(25);
    expect(await reminders(w.assignment.id)).toBe(5);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "ASSIGNMENT_REMIND").where("objectId", "=", String(w.assignment.id)),
      ),
    ).toBe(1);
  });

  it("reminds one person alone, records the time shown on the page, and refuses someone out of scope", async () => {
    const w = await world(2);
    const other = await world(1);
    const at = new Date();
    const r = await remindOne(ADMIN, null, w.assignment, w.city.path, w.staff[0]!.id, at);
    expect(r).toMatchObject({ reminded: 1, skipped: 0 });
    const last = await lastReminders(
      w.assignment.id,
      w.staff.map((s) => s.id),
    );
    expect(last.get(w.staff[0]!.id)?.getTime()).toBe(at.getTime());
    expect(last.has(w.staff[1]!.id)).toBe(false);
    // The person is not covered by this assignment in this scope: nothing sent.
    expect(
      await remindOne(ADMIN, null, w.assignment, w.city.path, other.staff[0]!.id, at),
    ).toBeNull();
    // The whole unit afterwards: the one reminded is skipped, the other is reminded.
    const all = await remindBehind(ADMIN, null, w.assignment, w.city.path, at);
    expect(all).toMatchObject({ reminded: 1, skipped: 1 });
  });

  it("remindPeople with duplicate ids reminds each person once", async () => {
    const w = await world(1);
    const id = w.staff[0]!.id;
    const r = await remindPeople(ADMIN, null, w.assignment, [id, id, id]);
    expect(r.reminded).toBe(1);
  });
});

describe("the scheduled reminder before the due date", () => {
  const dueIn = (days: number) =>
    new Date(Date.now() + days * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);

  it("reminds assignments due within N days once; running it again sends nothing new", async () => {
    await setRemindDaysBefore(ADMIN, null, 3);
    const soon = await world(2, dueIn(2));
    const far = await world(2, dueIn(10));
    const first = await sendDueReminders();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(await reminders(soon.assignment.id)).toBe(2);
    expect(await reminders(far.assignment.id)).toBe(0);
    // Again the same day, and again two days later (past the 24 h rule): the claim is finished.
    await sendDueReminders();
    await sendDueReminders(new Date(Date.now() + 2 * 24 * HOUR - HOUR));
    expect(await reminders(soon.assignment.id)).toBe(2);
  });

  it("is off at 0 days", async () => {
    await setRemindDaysBefore(ADMIN, null, 0);
    const soon = await world(1, dueIn(1));
    expect(await sendDueReminders()).toMatchObject({ days: 0, sent: 0 });
    expect(await reminders(soon.assignment.id)).toBe(0);
    await setRemindDaysBefore(ADMIN, null, 3);
  });

  it("npm run assignments:remind run by three processes at once reminds each person once", async () => {
    await setRemindDaysBefore(ADMIN, null, 3);
    const soon = await world(3, dueIn(1));
    const outs = await Promise.all(
      [1, 2, 3].map(() =>
        run(tsx, ["scripts/assignments-remind.ts"], {
          env: { ...process.env, LOG_LEVEL: "silent" },
        }).then((r) => r.stdout),
      ),
    );
    expect(outs.join("\n")).toMatch(/assignments:remind: /);
    expect(await reminders(soon.assignment.id)).toBe(3);
  }, 60_000);
});
