import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import {
  answerDaily,
  beijingDay,
  dailyQuestionId,
  dailyStreak,
  dailyView,
  pickHash,
  pickIndex,
} from "#app/modules/practice/daily.server.ts";
import { staffBankIds, staffBankPick } from "#app/modules/practice/bank.server.ts";
import { makeUnit, makeUser } from "./helpers.ts";
import { syncContent } from "./learning-helpers.ts";

/** A user as the session gives it to practice: id and unit. */
async function person(role: "STAFF" | "MANAGER", orgUnitId: number | null = null) {
  const user = await makeUser({ role, orgUnitId });
  return { ...user, orgUnitId };
}

// Day 1 at 09:00 Beijing time; `day(n, h)` is day n (from 1) at hour h, Beijing time.
const day = (n: number, hour = 9) =>
  new Date(Date.parse("2026-05-01T00:00:00+08:00") + (n - 1) * 86_400_000 + hour * 3_600_000);

beforeAll(syncContent);

async function rightAnswer(questionId: number, right = true) {
  const q = await db()
    .selectFrom("Question")
    .select(["answer", "options"])
    .where("id", "=", questionId)
    .executeTakeFirstOrThrow();
  const answer = JSON.parse(q.answer) as string[];
  if (right) return answer;
  const options = JSON.parse(q.options) as { id: string }[];
  return [options.find((o) => !answer.includes(o.id))!.id];
}

async function answerToday(
  person: { id: number; orgUnitId: number | null },
  at: Date,
  right = true,
) {
  const qid = (await dailyQuestionId(person, at))!;
  return answerDaily(person, { [qid]: await rightAnswer(qid, right) }, at);
}

const countRows = async (
  table:
    | "Completion"
    | "QuizAttempt"
    | "WrongAnswer"
    | "CourseStatus"
    | "ExamAttempt"
    | "LessonProgress",
  userId: number,
) =>
  (
    await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("userId", "=", userId)
      .executeTakeFirstOrThrow()
  ).n;

describe("每日一题", () => {
  it("gives everyone in a unit the same question all Beijing day, from the staff banks only", async () => {
    const unit = await makeUnit("每日一题单位", null);
    const a = await person("STAFF", unit.id);
    const b = await person("MANAGER", unit.id);
    const early = await dailyQuestionId(a, day(3, 0.05));
    expect(early).not.toBeNull();
    expect(await dailyQuestionId(b, day(3, 12))).toBe(early);
    expect(await dailyQuestionId(a, day(3, 23.9))).toBe(early);
    const course = await db()
      .selectFrom("Question as q")
      .innerJoin("Course as c", "c.id", "q.courseId")
      .select("c.audience")
      .where("q.id", "=", early)
      .executeTakeFirstOrThrow();
    expect(["STAFF", "ALL"]).toContain(course.audience);
  });

  it("changes at midnight Beijing time (16:00 UTC), not at midnight UTC", () => {
    expect(beijingDay(new Date("2026-05-01T15:59:59Z"))).toBe("2026-05-01");
    expect(beijingDay(new Date("2026-05-01T16:00:00Z"))).toBe("2026-05-02");
  });

  it("picks by the first 32 bits of SHA-256 of daily:<unit>:<day>, remembered per unit and day", () => {
    const sha = (text: string) => crypto.createHash("sha256").update(text).digest().readUInt32BE(0);
    for (const [unit, d] of [
      [0, "2026-05-01"],
      [17, "2026-05-01"],
      [17, "2026-05-02"],
    ] as const) {
      expect(pickHash(unit, d)).toBe(sha(`daily:${unit}:${d}`));
      expect(pickHash(unit, d)).toBe(sha(`daily:${unit}:${d}`)); // the remembered value
    }
    expect(pickHash(17, "2026-05-01")).not.toBe(pickHash(17, "2026-05-02"));
  });

  it("picks a different question on other days and in other units", async () => {
    const unit = await makeUnit("每日一题单位二", null);
    const person = { id: 0, orgUnitId: unit.id };
    const byDay = new Set<number | null>();
    for (let n = 1; n <= 10; n++) byDay.add(await dailyQuestionId(person, day(n)));
    expect(byDay.size).toBeGreaterThan(5);
    const byUnit = new Set<number | null>();
    for (let u = 1; u <= 10; u++)
      byUnit.add(await dailyQuestionId({ id: 0, orgUnitId: u }, day(1)));
    expect(byUnit.size).toBeGreaterThan(5);
  });

  it("picks in the database the id the stable list's pickIndex names (staffBankPick = staffBankIds()[hash % size])", async () => {
    const ids = await staffBankIds();
    expect(ids.length).toBeGreaterThan(1);
    for (let n = 1; n <= 12; n++)
      for (const u of [0, 3, 77]) {
        const person = { id: 0, orgUnitId: u };
        const expected = ids[pickIndex(u, beijingDay(day(n)), ids.length)];
        expect(await dailyQuestionId(person, day(n))).toBe(expected);
      }
    // The largest hash (2^32 - 1) and 0 stay inside the list.
    expect(await staffBankPick(2 ** 32 - 1)).toBe(ids[(2 ** 32 - 1) % ids.length]);
    expect(await staffBankPick(0)).toBe(ids[0]);
  });

  it("keeps the bank's id list per process under RollupVersion 5: a content write shows in the next pick", async () => {
    const before = await staffBankIds();
    expect(await staffBankPick(0)).toBe(before[0]);
    const version = async () =>
      (
        await db()
          .selectFrom("RollupVersion")
          .select("version")
          .where("id", "=", 5)
          .executeTakeFirstOrThrow()
      ).version;
    const v0 = await version();
    // The first question leaves the bank (deactivated): the kept list is stale at once.
    await db()
      .updateTable("Question")
      .set({ active: false })
      .where("id", "=", before[0]!)
      .execute();
    expect(await version()).toBeGreaterThan(v0);
    expect(await staffBankPick(0)).toBe(before[1]);
    // The list is one shorter: the size wraps to its first entry.
    expect(await staffBankPick(before.length - 1)).toBe(before[1]);
    // A course closed to staff takes its questions out; reopening brings them back.
    const course = await db()
      .selectFrom("Question")
      .innerJoin("Course", "Course.id", "Question.courseId")
      .select(["courseId", "audience"])
      .where("Question.id", "=", before[1]!)
      .executeTakeFirstOrThrow();
    const v1 = await version();
    await db()
      .updateTable("Course")
      .set({ audience: "ENTERPRISE" })
      .where("id", "=", course.courseId)
      .execute();
    expect(await version()).toBeGreaterThan(v1);
    const closed = await staffBankIds();
    expect(await staffBankPick(0)).toBe(closed[0]);
    expect(closed).not.toContain(before[1]);
    await db()
      .updateTable("Course")
      .set({ audience: course.audience })
      .where("id", "=", course.courseId)
      .execute();
    await db().updateTable("Question").set({ active: true }).where("id", "=", before[0]!).execute();
    expect(await staffBankPick(0)).toBe(before[0]);
    expect(await staffBankPick(7)).toBe(before[7 % before.length]);
  });

  it("takes one answer per person per day: a second (or concurrent) submit shows the first result", async () => {
    const user = await person("STAFF");
    const first = await answerToday(user, day(1), false);
    expect(first).toEqual({ ok: true, correct: false, already: false });
    expect(await answerToday(user, day(1, 20), true)).toEqual({
      ok: true,
      correct: false,
      already: true,
    });
    const other = await person("STAFF");
    const qid = (await dailyQuestionId(other, day(1)))!;
    const answer = await rightAnswer(qid);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => answerDaily(other, { [qid]: answer }, day(1))),
    );
    expect(results.filter((r) => r.ok && !r.already)).toHaveLength(1);
    const rows = await db()
      .selectFrom("DailyAnswer")
      .select("id")
      .where("userId", "in", [user.id, other.id])
      .execute();
    expect(rows).toHaveLength(2);
    const view = await dailyView(user, day(1, 22));
    expect(view.answered).toEqual({ correct: false });
    expect(view.question?.review?.explanationHtml).toContain("<a");
  });

  it("shows the day's answer from the answered days: answered today the review, the next day the new question and the streak", async () => {
    const user = await person("STAFF");
    await answerToday(user, day(1), true);
    const today = await dailyView(user, day(1, 21));
    expect(today.answered).toEqual({ correct: true });
    expect(today.streak).toBe(1);
    const next = await dailyView(user, day(2));
    expect(next.answered).toBeNull();
    expect(next.question?.id).toBe(await dailyQuestionId(user, day(2)));
    expect(next.question?.review).toBeNull();
    expect(next.streak).toBe(1);
  });

  it("refuses another day's question, unknown options and extra questions with 4xx", async () => {
    const user = await person("STAFF");
    const today = (await dailyQuestionId(user, day(5)))!;
    const wrongQ = today === 1 ? 2 : 1;
    expect(await answerDaily(user, { [wrongQ]: ["a"] }, day(5))).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await answerDaily(user, { [today]: ["zz"] }, day(5))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await answerDaily(user, { [today]: ["a"], [wrongQ]: ["a"] }, day(5))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await answerDaily(user, {}, day(5))).toMatchObject({ ok: false, status: 400 });
    expect(await dailyStreak(user.id, day(5))).toBe(0);
  });

  it("counts the streak over consecutive Beijing days and restarts after a missed day", async () => {
    const user = await person("STAFF");
    for (const n of [1, 2, 3]) await answerToday(user, day(n, n === 2 ? 23.5 : 0.5));
    expect(await dailyStreak(user.id, day(3))).toBe(3);
    // Day 4 not yet answered: the streak is still alive until the day ends.
    expect(await dailyStreak(user.id, day(4, 23))).toBe(3);
    // Day 4 missed: on day 5 it is broken.
    expect(await dailyStreak(user.id, day(5))).toBe(0);
    await answerToday(user, day(5), false);
    expect(await dailyStreak(user.id, day(5))).toBe(1);
    await answerToday(user, day(6));
    expect(await dailyStreak(user.id, day(6))).toBe(2);
  });

  it("is never counted as 学时 and never touches the 错题本, quizzes, course or exam records", async () => {
    const user = await person("STAFF");
    await answerToday(user, day(1), false);
    await answerToday(user, day(2), true);
    for (const table of [
      "Completion",
      "QuizAttempt",
      "WrongAnswer",
      "CourseStatus",
      "ExamAttempt",
      "LessonProgress",
    ] as const)
      expect(await countRows(table, user.id), table).toBe(0);
  });
});
