import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import { examStatus, setExamSettings, startExam } from "#app/modules/learning/exam.server.ts";
import {
  getOwnMock,
  gradeExpiredMocks,
  saveMockAnswers,
  startMock,
  submitMock,
  type MockRow,
} from "#app/modules/practice/mock.server.ts";
import { makeUser } from "./helpers.ts";
import { syncContent } from "./learning-helpers.ts";

const T0 = new Date("2026-05-10T09:00:00+08:00");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(syncContent);

async function mockOf(userId: number, id: number): Promise<MockRow> {
  const m = await getOwnMock(id, userId);
  if (!m) throw new Error("no mock exam");
  return m;
}

async function start(user: { id: number }, now = T0) {
  const r = await startMock(user, now);
  if (!r.ok) throw new Error(r.message);
  return mockOf(user.id, r.mockId);
}

/** Right (or wrong) answers for every question of a mock exam. */
async function answersFor(mock: MockRow, right: boolean) {
  const draw = JSON.parse(mock.draw) as { questionId: number; options: string[] }[];
  const rows = await db()
    .selectFrom("Question")
    .select(["id", "answer"])
    .where(
      "id",
      "in",
      draw.map((d) => d.questionId),
    )
    .execute();
  const key = new Map(rows.map((r) => [r.id, JSON.parse(r.answer) as string[]]));
  const out: Record<string, string[]> = {};
  for (const d of draw) {
    const answer = key.get(d.questionId)!;
    out[String(d.questionId)] = right ? answer : [d.options.find((o) => !answer.includes(o))!];
  }
  return out;
}

describe("模拟考试", () => {
  it("follows the annual exam's format (questions, time limit, pass mark) from its settings", async () => {
    const user = await makeUser({ role: "STAFF" });
    const m = await start(user);
    expect(JSON.parse(m.draw)).toHaveLength(50);
    expect(m.deadline.getTime() - m.startedAt.getTime()).toBe(90 * 60_000);
    expect(m.passMark).toBe(60);
    const admin = await makeUser({ role: "ADMIN" });
    await setExamSettings(admin, null, {
      examQuestions: 20,
      examMinutes: 30,
      examPassMark: 70,
      examAttempts: 3,
    });
    try {
      const other = await makeUser({ role: "STAFF" });
      const n = await start(other);
      expect(JSON.parse(n.draw)).toHaveLength(20);
      expect(n.deadline.getTime() - n.startedAt.getTime()).toBe(30 * 60_000);
      expect(n.passMark).toBe(70);
    } finally {
      await setExamSettings(admin, null, {
        examQuestions: 50,
        examMinutes: 90,
        examPassMark: 60,
        examAttempts: 3,
      });
    }
  });

  it("is unlimited and never uses an exam attempt: the exam's count and records stay untouched", async () => {
    const user = await makeUser({ role: "STAFF" });
    for (let i = 0; i < 5; i++) {
      const m = await start(user, at(i * 100));
      const r = await submitMock(user, m, await answersFor(m, i % 2 === 0), at(i * 100 + 5));
      expect(r).toMatchObject({ ok: true, already: false });
    }
    const exams = await db()
      .selectFrom("ExamAttempt")
      .select("id")
      .where("userId", "=", user.id)
      .execute();
    expect(exams).toHaveLength(0);
    const status = await examStatus(user.id, at(600)); // await: sync today, async once learning is converted
    expect(status.attempts).toHaveLength(0);
    expect(status.remaining).toBe(3);
    expect(status.passed).toBe(false);
    expect(await startExam(user, at(600), null)).toMatchObject({ ok: true, resumed: false });
    for (const table of ["Completion", "QuizAttempt", "WrongAnswer"] as const) {
      const rows = await db()
        .selectFrom(table)
        .select("userId")
        .where("userId", "=", user.id)
        .execute();
      expect(rows, table).toHaveLength(0);
    }
  });

  it("draws its own questions: two mock exams differ", async () => {
    const user = await makeUser({ role: "STAFF" });
    const a = await start(user);
    await submitMock(user, a, null, at(1));
    const b = await start(user, at(2));
    expect(b.id).not.toBe(a.id);
    expect(b.draw).not.toBe(a.draw);
  });

  it("returns the open mock exam to a second start", async () => {
    const user = await makeUser({ role: "STAFF" });
    const [a, b] = await Promise.all([startMock(user, T0), startMock(user, T0)]);
    expect(a.ok && b.ok && a.mockId === b.mockId).toBe(true);
  });

  it("grades 100 for right answers and passes; wrong answers fail; a second submit changes nothing", async () => {
    const user = await makeUser({ role: "STAFF" });
    const m = await start(user);
    expect(await submitMock(user, m, await answersFor(m, true), at(10))).toEqual({
      ok: true,
      score: 100,
      passed: true,
      already: false,
    });
    const again = await mockOf(user.id, m.id);
    expect(await submitMock(user, again, await answersFor(m, false), at(11))).toMatchObject({
      score: 100,
      already: true,
    });
  });

  it("ignores late answers: after the deadline and grace, saving is refused and grading uses saved answers", async () => {
    const user = await makeUser({ role: "STAFF" });
    const m = await start(user);
    const right = await answersFor(m, true);
    const [firstId] = Object.keys(right);
    expect(await saveMockAnswers(user, m, { [firstId!]: right[firstId!]! }, at(30))).toEqual({
      ok: true,
    });
    const late = at(90 + 1);
    expect(await saveMockAnswers(user, m, right, late)).toMatchObject({ ok: false, status: 409 });
    const r = await submitMock(user, await mockOf(user.id, m.id), right, late);
    expect(r).toMatchObject({ ok: true, score: 2, passed: false });
  });

  it("grades an expired mock exam on its saved answers when next visited", async () => {
    const user = await makeUser({ role: "STAFF" });
    const m = await start(user);
    await gradeExpiredMocks(user, at(200));
    const graded = await mockOf(user.id, m.id);
    expect(graded.submittedAt).not.toBeNull();
    expect(graded.score).toBe(0);
  });

  it("refuses answers outside the draw or with unknown options (400)", async () => {
    const user = await makeUser({ role: "STAFF" });
    const m = await start(user);
    const draw = JSON.parse(m.draw) as { questionId: number }[];
    const outside = draw.some((d) => d.questionId === 999_999_999);
    expect(outside).toBe(false);
    expect(await saveMockAnswers(user, m, { "999999999": ["a"] }, at(1))).toMatchObject({
      status: 400,
    });
    expect(
      await saveMockAnswers(user, m, { [draw[0]!.questionId]: ["__proto__"] }, at(1)),
    ).toMatchObject({ status: 400 });
  });

  it("shows a mock exam only to its owner", async () => {
    const owner = await makeUser({ role: "STAFF" });
    const other = await makeUser({ role: "STAFF" });
    const m = await start(owner);
    expect(await getOwnMock(m.id, other.id)).toBeUndefined();
    expect(await getOwnMock(m.id, owner.id)).toBeDefined();
  });
});
