import { beforeAll, describe, expect, it } from "vitest";
import {
  examRollup,
  examStatus,
  getOwnExamAttempt,
  saveExamAnswers,
  setExamSettings,
  startExam,
  submitExam,
} from "#app/modules/learning/exam.server.ts";
import { db } from "#app/data/db.server.ts";
import { countRows, makeUnit, makeUser } from "./helpers.ts";
import { syncContent } from "./learning-helpers.ts";

const T0 = new Date("2026-05-10T09:00:00+08:00");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(syncContent);

const staff = (orgUnitId?: number) => makeUser({ role: "STAFF", orgUnitId });

async function attemptOf(userId: number, id: number) {
  const a = await getOwnExamAttempt(id, userId);
  if (!a) throw new Error("no attempt");
  return a;
}

/** Right (or wrong) answers for every question of an attempt. */
async function answersFor(attemptId: number, right: boolean) {
  const a = await db()
    .selectFrom("ExamAttempt")
    .select("draw")
    .where("id", "=", attemptId)
    .executeTakeFirstOrThrow();
  const draw = JSON.parse(a.draw) as { questionId: number; options: string[] }[];
  const out: Record<string, string[]> = {};
  for (const d of draw) {
    const q = await db()
      .selectFrom("Question")
      .select("answer")
      .where("id", "=", d.questionId)
      .executeTakeFirstOrThrow();
    const answer = JSON.parse(q.answer) as string[];
    out[String(d.questionId)] = right ? answer : [d.options.find((o) => !answer.includes(o))!];
  }
  return out;
}

describe("annual law exam", () => {
  it("draws 50 questions across the staff courses only, with a 90-minute deadline and pass mark 60", async () => {
    const user = await staff();
    const r = await startExam(user, T0, null);
    if (!r.ok) throw new Error(r.message);
    const a = await attemptOf(user.id, r.attemptId);
    const draw = JSON.parse(a.draw) as { questionId: number }[];
    expect(draw).toHaveLength(50);
    expect(new Set(draw.map((d) => d.questionId)).size).toBe(50);
    expect(a.deadline.getTime() - a.startedAt.getTime()).toBe(90 * 60_000);
    expect(a.passMark).toBe(60);
    const drawn = await db()
      .selectFrom("Question")
      .innerJoin("Course", "Course.id", "Question.courseId")
      .select(["Question.courseId", "Course.audience"])
      .where(
        "Question.id",
        "in",
        draw.map((d) => d.questionId),
      )
      .execute();
    expect(drawn).toHaveLength(draw.length);
    expect(drawn.every((q) => q.audience !== "ENTERPRISE")).toBe(true);
    const courses = new Set(drawn.map((q) => q.courseId));
    expect(courses.size).toBeGreaterThan(3);
  });

  it("returns the open attempt to a second start instead of drawing another", async () => {
    const user = await staff();
    const [a, b] = await Promise.all([startExam(user, T0, null), startExam(user, T0, null)]);
    expect(a.ok && b.ok && a.attemptId === b.attemptId).toBe(true);
  });

  it("grades 20 concurrent submits of one attempt exactly once", async () => {
    const user = await staff();
    const r = await startExam(user, T0, null);
    if (!r.ok) throw new Error(r.message);
    const answers = await answersFor(r.attemptId, true);
    const attempt = await attemptOf(user.id, r.attemptId);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitExam(user, attempt, answers, at(10), null)),
    );
    expect(results.filter((x) => x.ok && !x.already)).toHaveLength(1);
    expect(results.every((x) => x.ok && x.score === 100 && x.passed)).toBe(true);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "EXAM_SUBMIT").where("objectId", "=", String(r.attemptId)),
      ),
    ).toBe(1);
  });

  it("allows three attempts a year, then refuses; a new year starts afresh", async () => {
    const user = await staff();
    for (let i = 0; i < 3; i++) {
      const r = await startExam(user, at(i * 100), null);
      if (!r.ok) throw new Error(r.message);
      const res = await submitExam(
        user,
        await attemptOf(user.id, r.attemptId),
        await answersFor(r.attemptId, false),
        at(i * 100 + 5),
        null,
      );
      expect(res.ok && res.passed).toBe(false);
    }
    expect(await startExam(user, at(400), null)).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringContaining("次数已用完"),
    });
    expect(await examStatus(user.id, at(400))).toMatchObject({
      remaining: 0,
      passed: false,
      best: 0,
    });
    expect((await startExam(user, new Date("2027-01-01T00:00:00+08:00"), null)).ok).toBe(true);
  });

  it("refuses a new attempt once the year's exam is passed", async () => {
    const user = await staff();
    const r = await startExam(user, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitExam(
      user,
      await attemptOf(user.id, r.attemptId),
      await answersFor(r.attemptId, true),
      at(5),
      null,
    );
    expect(await startExam(user, at(10), null)).toMatchObject({
      ok: false,
      message: expect.stringContaining("已通过"),
    });
  });

  it("grades a timed-out attempt on the answers saved in time, ignoring late ones", async () => {
    const user = await staff();
    const r = await startExam(user, T0, null);
    if (!r.ok) throw new Error(r.message);
    const right = await answersFor(r.attemptId, true);
    const [first, ...rest] = Object.keys(right);
    expect(
      (
        await saveExamAnswers(
          user,
          await attemptOf(user.id, r.attemptId),
          { [first!]: right[first!]! },
          at(30),
        )
      ).ok,
    ).toBe(true);
    const late = await saveExamAnswers(
      user,
      await attemptOf(user.id, r.attemptId),
      Object.fromEntries(rest.map((k) => [k, right[k]!])),
      at(95),
    );
    expect(late).toMatchObject({ ok: false, status: 409 });
    const res = await submitExam(user, await attemptOf(user.id, r.attemptId), right, at(95), null);
    expect(res).toMatchObject({ ok: true, score: 2, passed: false }); // 1 of 50 right
  });

  it("refuses answers to questions outside the attempt and a posted score", async () => {
    const user = await staff();
    const r = await startExam(user, T0, null);
    if (!r.ok) throw new Error(r.message);
    const attempt = await attemptOf(user.id, r.attemptId);
    const outside = await db()
      .selectFrom("Question")
      .select("id")
      .where(
        "id",
        "not in",
        (JSON.parse(attempt.draw) as { questionId: number }[]).map((d) => d.questionId),
      )
      .orderBy("id", "asc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(await saveExamAnswers(user, attempt, { [outside.id]: ["a"] }, at(1))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await submitExam(user, attempt, { [outside.id]: ["a"] }, at(1), null)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect((await attemptOf(user.id, r.attemptId)).submittedAt).toBeNull();
  });

  it("does not show one person's attempt to another", async () => {
    const owner = await staff();
    const other = await staff();
    const r = await startExam(owner, T0, null);
    if (!r.ok) throw new Error(r.message);
    expect(await getOwnExamAttempt(r.attemptId, other.id)).toBeNull();
  });

  it("follows the admin's settings for the next attempt", async () => {
    await setExamSettings({ id: 1, username: "admin" }, null, {
      examQuestions: 20,
      examMinutes: 30,
      examPassMark: 80,
      examAttempts: 1,
    });
    try {
      const user = await staff();
      const r = await startExam(user, T0, null);
      if (!r.ok) throw new Error(r.message);
      const a = await attemptOf(user.id, r.attemptId);
      expect(JSON.parse(a.draw)).toHaveLength(20);
      expect(a.passMark).toBe(80);
      expect(a.deadline.getTime() - T0.getTime()).toBe(30 * 60_000);
    } finally {
      await setExamSettings({ id: 1, username: "admin" }, null, {
        examQuestions: 50,
        examMinutes: 90,
        examPassMark: 60,
        examAttempts: 3,
      });
    }
  });

  it("counts, for a manager's subtree, the staff who sat and passed this year's exam", async () => {
    const root = await makeUnit("考试市", null, "CITY");
    const district = await makeUnit("考试区", root, "DISTRICT");
    const [passer, failer] = [await staff(district.id), await staff(district.id)];
    await staff(root.id); // never sits
    for (const [user, right] of [
      [passer, true],
      [failer, false],
    ] as const) {
      const r = await startExam(user, T0, null);
      if (!r.ok) throw new Error(r.message);
      await submitExam(
        user,
        await attemptOf(user.id, r.attemptId),
        await answersFor(r.attemptId, right),
        at(5),
        null,
      );
    }
    const byUnit = <T extends { unitId: number }>(rows: T[]) =>
      [...rows].sort((a, b) => a.unitId - b.unitId);
    expect(byUnit(await examRollup(root, 2026))).toEqual(
      byUnit([
        { unitId: root.id, staff: 1, sat: 0, passed: 0 },
        { unitId: district.id, staff: 2, sat: 2, passed: 1 },
      ]),
    );
    expect(await examRollup(district, 2026)).toEqual([
      { unitId: district.id, staff: 2, sat: 2, passed: 1 },
    ]);
    expect(byUnit(await examRollup(root, 2025))).toEqual(
      byUnit([
        { unitId: root.id, staff: 1, sat: 0, passed: 0 },
        { unitId: district.id, staff: 2, sat: 0, passed: 0 },
      ]),
    );
  });
});
