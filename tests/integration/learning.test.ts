import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyCertificate, getOwnCertificate } from "#app/modules/learning/certificates.server.ts";
import {
  markLessonRead,
  openLesson,
  recordLessonOpened,
} from "#app/modules/learning/course.server.ts";
import {
  getOwnAttempt,
  saveAnswers,
  startAttempt,
  submitAttempt,
} from "#app/modules/learning/quiz.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { countRows, makeUser } from "./helpers.ts";
import { rightAnswers, syncFixtureCourse } from "./learning-helpers.ts";

let course: Awaited<ReturnType<typeof syncFixtureCourse>>;
const T0 = new Date("2026-03-01T09:00:00+08:00");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

beforeAll(async () => {
  course = await syncFixtureCourse();
});

async function learner() {
  return makeUser({ role: "STAFF" });
}

async function readAll(user: { id: number; username: string }) {
  for (const l of course.lessons) {
    await recordLessonOpened(user.id, { id: l.id, courseId: course.id }, T0);
    const r = await markLessonRead(user, l, course.id, at(l.minReadSeconds), null);
    expect(r.ok).toBe(true);
  }
}

describe("reading on the server clock", () => {
  it("refuses to mark a lesson read before its minimum reading time, saying how long is left", async () => {
    const user = await learner();
    const lesson = course.lessons[0]!;
    expect(lesson.minReadSeconds).toBe(120);
    await recordLessonOpened(user.id, { id: lesson.id, courseId: course.id }, T0);
    const early = await markLessonRead(user, lesson, course.id, at(119), null);
    expect(early).toEqual({ ok: false, secondsLeft: 1 });
    const onTime = await markLessonRead(user, lesson, course.id, at(120), null);
    expect(onTime.ok).toBe(true);
  });

  it("keeps the first opening time: reopening a lesson does not restart or shorten the clock", async () => {
    const user = await learner();
    const lesson = course.lessons[0]!;
    await recordLessonOpened(user.id, { id: lesson.id, courseId: course.id }, T0);
    await recordLessonOpened(user.id, { id: lesson.id, courseId: course.id }, at(100));
    expect((await markLessonRead(user, lesson, course.id, at(120), null)).ok).toBe(true);
  });

  it("opens a lesson with its course's trail: the first opening records the clock, a reopening reads it from the trail", async () => {
    const user = await learner();
    const [first, second] = course.lessons as [
      (typeof course.lessons)[0],
      (typeof course.lessons)[0],
    ];
    const lesson = { id: second.id, courseId: course.id };
    const opened = await openLesson(user.id, lesson, at(5));
    expect(opened.openedAt).toEqual(at(5));
    expect(opened.lessons.map((l) => l.id)).toEqual(course.lessons.map((l) => l.id));
    expect(opened.lessons.every((l) => l.readAt === null)).toBe(true);
    await recordLessonOpened(user.id, { id: first.id, courseId: course.id }, T0);
    expect((await markLessonRead(user, first, course.id, at(first.minReadSeconds), null)).ok).toBe(
      true,
    );
    const again = await openLesson(user.id, lesson, at(500));
    expect(again.openedAt).toEqual(at(5));
    expect(again.lessons.find((l) => l.id === first.id)?.readAt).toEqual(at(first.minReadSeconds));
    expect(again.lessons.find((l) => l.id === second.id)?.openedAt).toEqual(at(5));
  });

  it("refuses a lesson the server never showed", async () => {
    const user = await learner();
    const r = await markLessonRead(user, course.lessons[1]!, course.id, at(10_000), null);
    expect(r).toEqual({ ok: false, notOpened: true });
  });
});

describe("quiz attempts", () => {
  it("stores the random draw and option order per attempt", async () => {
    const user = await learner();
    const sequence = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.05, 0.95, 0.15];
    let i = 0;
    const r = await startAttempt(user, course, T0, null, () => sequence[i++ % sequence.length]!);
    if (!r.ok) throw new Error(r.message);
    const a = await getOwnAttempt(r.attemptId, user.id);
    const draw = JSON.parse(a!.draw) as { questionId: number; options: string[] }[];
    expect(draw).toHaveLength(3);
    expect(new Set(draw.map((d) => d.questionId)).size).toBe(3);
    // A second call returns the same open attempt with the same draw (a second tab).
    const again = await startAttempt(user, course, at(5), null);
    expect(again.ok && again.attemptId).toBe(r.attemptId);
    expect((await getOwnAttempt(r.attemptId, user.id))!.draw).toBe(a!.draw);
  });

  it("grades 20 concurrent submits of one attempt exactly once", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    const answers = await rightAnswers(r.attemptId);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitAttempt(user, r.attemptId, answers, at(30), null)),
    );
    expect(results.every((x) => x.ok && x.score === 100)).toBe(true);
    expect(results.filter((x) => x.ok && !x.already)).toHaveLength(1);
    const row = await db()
      .selectFrom("QuizAttempt")
      .where("id", "=", r.attemptId)
      .select(["submittedAt", "score"])
      .executeTakeFirstOrThrow();
    expect(row.submittedAt?.getTime()).toBe(at(30).getTime());
  });

  it("enforces the attempt limit", async () => {
    const user = await learner();
    for (let n = 0; n < 2; n++) {
      const r = await startAttempt(user, course, at(n * 1000), null);
      if (!r.ok) throw new Error(r.message);
      await submitAttempt(
        user,
        r.attemptId,
        await rightAnswers(r.attemptId, true),
        at(n * 1000 + 10),
        null,
      );
    }
    const third = await startAttempt(user, course, at(5000), null);
    expect(third).toMatchObject({ ok: false, status: 409 });
    expect(await countRows("QuizAttempt", (q) => q.where("userId", "=", user.id))).toBe(2);
  });

  it("after the deadline (plus grace) refuses saves and grades only what was saved in time", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    const right = await rightAnswers(r.attemptId);
    const [first, ...rest] = Object.entries(right);
    expect((await saveAnswers(user, r.attemptId, Object.fromEntries([first!]), at(60))).ok).toBe(
      true,
    );
    const late = at(course.timeLimitMinutes * 60 + 31);
    expect(await saveAnswers(user, r.attemptId, Object.fromEntries(rest), late)).toMatchObject({
      ok: false,
      status: 409,
    });
    const graded = await submitAttempt(user, r.attemptId, right, late, null);
    expect(graded).toMatchObject({ ok: true, score: 33 });
  });

  it("grades an attempt whose time ran out on its saved answers when the learner comes back", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    const [first] = Object.entries(await rightAnswers(r.attemptId));
    await saveAnswers(user, r.attemptId, Object.fromEntries([first!]), at(30));
    const { gradeExpired } = await import("#app/modules/learning/quiz.server.ts");
    await gradeExpired(user, course.id, at(course.timeLimitMinutes * 60 + 10), null);
    expect(
      (
        await db()
          .selectFrom("QuizAttempt")
          .where("id", "=", r.attemptId)
          .select(["submittedAt"])
          .executeTakeFirstOrThrow()
      ).submittedAt,
    ).toBeNull();
    await gradeExpired(user, course.id, at(course.timeLimitMinutes * 60 + 31), null);
    const graded = await db()
      .selectFrom("QuizAttempt")
      .where("id", "=", r.attemptId)
      .select(["submittedAt", "score"])
      .executeTakeFirstOrThrow();
    expect(graded.score).toBe(33);
    expect(graded.submittedAt).not.toBeNull();
  });

  it("refuses answers to questions not in the attempt and options that do not exist", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    const draw = JSON.parse((await getOwnAttempt(r.attemptId, user.id))!.draw) as {
      questionId: number;
    }[];
    const outside = await db()
      .selectFrom("Question")
      .where("courseId", "=", course.id)
      .where(
        "id",
        "not in",
        draw.map((d) => d.questionId),
      )
      .select("id")
      .executeTakeFirstOrThrow();
    expect(await saveAnswers(user, r.attemptId, { [outside.id]: ["a"] }, at(5))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(
      await submitAttempt(user, r.attemptId, { [draw[0]!.questionId]: ["z"] }, at(5), null),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      (
        await db()
          .selectFrom("QuizAttempt")
          .where("id", "=", r.attemptId)
          .select(["submittedAt"])
          .executeTakeFirstOrThrow()
      ).submittedAt,
    ).toBeNull();
  });

  it("does not show another learner's attempt (owner-scoped lookup)", async () => {
    const owner = await learner();
    const other = await learner();
    const r = await startAttempt(owner, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    expect(await getOwnAttempt(r.attemptId, other.id)).toBeNull();
    expect(await submitAttempt(other, r.attemptId, {}, at(5), null)).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe("completion", () => {
  it("is written only when every lesson is read and the quiz passed, once, with its audit row", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    const passed = await submitAttempt(
      user,
      r.attemptId,
      await rightAnswers(r.attemptId),
      at(20),
      null,
    );
    expect(passed).toMatchObject({ ok: true, passed: true, completed: false });
    expect(await countRows("Completion", (q) => q.where("userId", "=", user.id))).toBe(0);
    await readAll(user);
    const completion = await db()
      .selectFrom("Completion")
      .where("userId", "=", user.id)
      .select(["courseVersion", "score", "creditHours", "certificateNo", "year"])
      .executeTakeFirstOrThrow();
    expect(completion).toMatchObject({
      courseVersion: course.version,
      score: 100,
      creditHours: 2,
      year: 2026,
    });
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "COURSE_COMPLETE").where("actorId", "=", user.id),
      ),
    ).toBe(1);
  });

  it("is not written for a failed quiz", async () => {
    const user = await learner();
    await readAll(user);
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    expect(
      await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId, true), at(20), null),
    ).toMatchObject({ passed: false });
    expect(await countRows("Completion", (q) => q.where("userId", "=", user.id))).toBe(0);
  });

  it("cannot be updated or deleted (triggers)", async () => {
    const user = await learner();
    await readAll(user);
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId), at(20), null);
    const row = await db()
      .selectFrom("Completion")
      .where("userId", "=", user.id)
      .select(["id"])
      .executeTakeFirstOrThrow();
    await expect(
      write((tx) => sql`UPDATE "Completion" SET score = 0 WHERE id = ${row.id}`.execute(tx)),
    ).rejects.toThrow(/append-only/);
    await expect(
      write((tx) => sql`DELETE FROM "Completion" WHERE id = ${row.id}`.execute(tx)),
    ).rejects.toThrow(/append-only/);
    await expect(
      write((tx) => tx.deleteFrom("Completion").where("id", "=", row.id).execute()),
    ).rejects.toThrow();
    expect(await countRows("Completion", (q) => q.where("id", "=", row.id))).toBe(1);
  });
});

describe("certificates", () => {
  async function certified() {
    const user = await learner();
    await readAll(user);
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId), at(20), null);
    const c = await db()
      .selectFrom("Completion")
      .where("userId", "=", user.id)
      .select(["certificateNo", "verifyCode"])
      .executeTakeFirstOrThrow();
    return { user, ...c };
  }

  it("verifies with the right code and shows only name, course and date", async () => {
    const { certificateNo, verifyCode } = await certified();
    const result = await verifyCertificate(certificateNo, verifyCode);
    expect(Object.keys(result ?? {}).sort()).toEqual(["completedAt", "course", "name"]);
    expect(result?.course).toBe("测验引擎测试课");
  });

  it("refuses a wrong code and an unknown number", async () => {
    const { certificateNo } = await certified();
    expect(await verifyCertificate(certificateNo, "AAAAAAAA")).toBeNull();
    expect(await verifyCertificate("FZXT-2026-ZZZZZZZZ", "AAAAAAAA")).toBeNull();
  });

  it("is shown only to its owner", async () => {
    const { user, certificateNo } = await certified();
    const other = await learner();
    expect(await getOwnCertificate(certificateNo, user.id)).not.toBeNull();
    expect(await getOwnCertificate(certificateNo, other.id)).toBeNull();
  });
});

describe("错题本", () => {
  it("collects a wrong answer and drops the question after two right answers in a row", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId, true), at(10), null);
    const book = await db()
      .selectFrom("WrongAnswer")
      .where("userId", "=", user.id)
      .select(["questionId"])
      .execute();
    expect(book).toHaveLength(3);
    const { updateWrongBook } = await import("#app/modules/learning/quiz.server.ts");
    const q = book[0]!.questionId;
    await write((tx) => updateWrongBook(tx, user.id, [{ questionId: q, correct: true }], at(20)));
    expect(
      await countRows("WrongAnswer", (w) =>
        w.where("userId", "=", user.id).where("questionId", "=", q),
      ),
    ).toBe(1);
    await write((tx) => updateWrongBook(tx, user.id, [{ questionId: q, correct: false }], at(30)));
    await write((tx) => updateWrongBook(tx, user.id, [{ questionId: q, correct: true }], at(40)));
    expect(
      await countRows("WrongAnswer", (w) =>
        w.where("userId", "=", user.id).where("questionId", "=", q),
      ),
    ).toBe(1);
    await write((tx) => updateWrongBook(tx, user.id, [{ questionId: q, correct: true }], at(50)));
    expect(
      await countRows("WrongAnswer", (w) =>
        w.where("userId", "=", user.id).where("questionId", "=", q),
      ),
    ).toBe(0);
  });

  it("practice from the book never counts towards completion or the attempt limit", async () => {
    const user = await learner();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId, true), at(10), null);
    await readAll(user);
    const { startPractice } = await import("#app/modules/learning/quiz.server.ts");
    const p = await startPractice(user, course.id, at(20));
    if (!p.ok) throw new Error(p.message);
    const graded = await submitAttempt(
      user,
      p.attemptId,
      await rightAnswers(p.attemptId),
      at(30),
      null,
    );
    expect(graded).toMatchObject({ ok: true, score: 100 });
    expect(await countRows("Completion", (q) => q.where("userId", "=", user.id))).toBe(0);
    const second = await startAttempt(user, course, at(40), null);
    expect(second.ok).toBe(true);
  });
});
