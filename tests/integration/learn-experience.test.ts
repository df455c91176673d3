import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { qrSvg, verifyUrl } from "#app/modules/learning/certificate-qr.server.ts";
import { verifyCertificate } from "#app/modules/learning/certificates.server.ts";
import { certificateIssuer } from "#app/modules/learning/settings.server.ts";
import { setExamSettings, examSettings, startExam } from "#app/modules/learning/exam.server.ts";
import { startAttempt, submitAttempt } from "#app/modules/learning/quiz.server.ts";
import { recordLessonOpened, markLessonRead } from "#app/modules/learning/course.server.ts";
import {
  answerPractice,
  nextPractice,
  wrongBookEntries,
} from "#app/modules/learning/wrong-book.server.ts";
import { ExamSettingsSchema, StartExamSchema } from "#app/modules/learning/schemas.ts";
import { db } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { parseFormData } from "#app/utils/form.server.ts";
import { countRows, makeUser } from "./helpers.ts";
import { rightAnswers, syncFixtureCourse } from "./learning-helpers.ts";

// Issue 16's server rules: the exam window, the 考前须知 confirmation, 错题本 practice and the
// certificate's QR target.

let course: Awaited<ReturnType<typeof syncFixtureCourse>>;
const T0 = new Date("2026-06-15T09:00:00+08:00");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

beforeAll(async () => {
  course = await syncFixtureCourse();
});

const staff = () => makeUser({ role: "STAFF" });

const admin = { id: 0, username: "test-admin" };
async function setWindow(examOpensOn: string, examClosesOn: string) {
  await setExamSettings(admin, null, { ...(await examSettings()), examOpensOn, examClosesOn });
}

describe("the exam's open window (系统设置, Beijing days, both inclusive)", () => {
  afterEach(() => setWindow("", ""));

  it("refuses to start before the open day and after the close day, with a Chinese message", async () => {
    await setWindow("2026-06-15", "2026-06-30");
    const user = await staff();
    // 23:59 Beijing time on the 14th is still before the window (15:59 UTC).
    const before = await startExam(user, new Date("2026-06-14T23:59:00+08:00"), null);
    expect(before).toMatchObject({ ok: false, status: 409 });
    expect(!before.ok && before.message).toMatch(
      /考试尚未开放，开放时间为 2026-06-15 至 2026-06-30/,
    );
    const after = await startExam(user, new Date("2026-07-01T00:00:00+08:00"), null);
    expect(!after.ok && after.message).toMatch(/已于 2026-06-30 结束/);
    expect(await countRows("ExamAttempt", (q) => q.where("userId", "=", user.id))).toBe(0);
    // The first and the last day both count.
    const first = await startExam(user, new Date("2026-06-15T00:00:00+08:00"), null);
    expect(first.ok).toBe(true);
  });

  it("lets an attempt begun inside the window be resumed after it closes", async () => {
    await setWindow("2026-06-01", "2026-06-15");
    const user = await staff();
    const started = await startExam(user, new Date("2026-06-15T23:50:00+08:00"), null);
    if (!started.ok) throw new Error(started.message);
    const resumed = await startExam(user, new Date("2026-06-16T00:05:00+08:00"), null);
    expect(resumed).toMatchObject({ ok: true, attemptId: started.attemptId, resumed: true });
  });

  it("refuses a window whose end is before its start, and a day that does not exist", () => {
    const base = { examQuestions: 50, examMinutes: 90, examPassMark: 60, examAttempts: 3 };
    const reversed = ExamSettingsSchema.safeParse({
      ...base,
      examOpensOn: "2026-06-30",
      examClosesOn: "2026-06-01",
    });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]).toMatchObject({
      path: ["examClosesOn"],
      message: "结束日期不能早于开始日期",
    });
    expect(ExamSettingsSchema.safeParse({ ...base, examOpensOn: "2026-13-01" }).success).toBe(
      false,
    );
    expect(
      ExamSettingsSchema.safeParse({
        ...base,
        examOpensOn: "2026-06-01",
        examClosesOn: "2026-06-01",
      }).success,
    ).toBe(true);
  });
});

describe("考前须知: no exam attempt starts before the confirmation", () => {
  // The start route parses its form with StartExamSchema before startExam is called.
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return parseFormData(f, StartExamSchema);
  };

  it("refuses the start form without the ticked box, with a Chinese message", () => {
    const refused = form({ intent: "start" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors.confirm).toBe(
      "请先阅读考前须知并勾选“我已阅读并同意”",
    );
    expect(form({ intent: "start", confirm: "yes" }).ok).toBe(false);
    expect(form({ intent: "start", confirm: "on" }).ok).toBe(true);
  });
});

describe("错题本 practice: one question, judged at once", () => {
  async function bookOfThree() {
    const user = await staff();
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId, true), at(10), null);
    return { user, wrong: await rightAnswers(r.attemptId, true) };
  }

  it("keeps the learner's last answer, the right answer and the 解析 on each entry", async () => {
    const { user, wrong } = await bookOfThree();
    const entries = await wrongBookEntries(user.id);
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(e.lastAnswer).toEqual(wrong[String(e.questionId)]);
      expect(e.answer.length).toBeGreaterThan(0);
      expect(e.explanationHtml.length).toBeGreaterThan(0);
    }
  });

  it("answers right or wrong with the correct answer, and removes an entry after two right in a row", async () => {
    const { user } = await bookOfThree();
    const first = await nextPractice(user.id, {});
    if (!first) throw new Error("empty book");
    const q = first.entry.questionId;
    const key = (
      await db()
        .selectFrom("Question")
        .select("answer")
        .where("id", "=", q)
        .executeTakeFirstOrThrow()
    ).answer;
    const right = JSON.parse(key) as string[];
    const wrongChoice = [first.entry.options.map((o) => o.id).find((id) => !right.includes(id))!];

    const miss = await answerPractice(user.id, q, wrongChoice, at(100));
    expect(miss).toMatchObject({
      ok: true,
      correct: false,
      answer: right,
      removed: false,
      streak: 0,
    });
    const hit = await answerPractice(user.id, q, right, at(110));
    expect(hit).toMatchObject({ ok: true, correct: true, removed: false, streak: 1 });
    const again = await answerPractice(user.id, q, right, at(120));
    expect(again).toMatchObject({ ok: true, correct: true, removed: true });
    expect(
      await countRows("WrongAnswer", (w) =>
        w.where("userId", "=", user.id).where("questionId", "=", q),
      ),
    ).toBe(0);
    // Gone from the book: a further answer is refused, and the next question is another one.
    expect(await answerPractice(user.id, q, right, at(130))).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await nextPractice(user.id, { after: q }))?.entry.questionId).not.toBe(q);
  });

  it("refuses another learner's entry and an option the question does not have", async () => {
    const { user } = await bookOfThree();
    const other = await staff();
    const first = (await nextPractice(user.id, {}))!;
    const q = first.entry.questionId;
    expect(await answerPractice(other.id, q, ["a"], at(100))).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await answerPractice(user.id, q, ["zz"], at(100))).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe("the certificate's QR code", () => {
  afterEach(() => {
    delete process.env.PUBLIC_BASE_URL;
    resetEnvCache();
  });

  it("encodes /verify for that certificate on PUBLIC_BASE_URL, and /verify accepts it", async () => {
    process.env.PUBLIC_BASE_URL = "https://fzxt.example.gov.cn/";
    resetEnvCache();
    const user = await staff();
    for (const l of course.lessons) {
      await recordLessonOpened(user.id, { id: l.id, courseId: course.id }, T0);
      await markLessonRead(user, l, course.id, at(l.minReadSeconds), null);
    }
    const r = await startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    await submitAttempt(user, r.attemptId, await rightAnswers(r.attemptId), at(20), null);
    const cert = await db()
      .selectFrom("Completion")
      .select(["certificateNo", "verifyCode"])
      .where("userId", "=", user.id)
      .executeTakeFirstOrThrow();
    const url = verifyUrl(
      `http://internal:3000/learn/certificates/${cert.certificateNo}`,
      cert.certificateNo,
      cert.verifyCode,
    );
    const target = `https://fzxt.example.gov.cn/verify?no=${cert.certificateNo}&code=${cert.verifyCode}`;
    expect(url).toBe(target);
    expect(await qrSvg(url)).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(await certificateIssuer()).toBe("法治学堂");
    // /verify's check accepts exactly what the QR code carries.
    const query = new URL(url).searchParams;
    expect(await verifyCertificate(query.get("no")!, query.get("code")!)).toMatchObject({
      course: expect.any(String),
    });
    // Unset, the link is the request's own origin.
    delete process.env.PUBLIC_BASE_URL;
    resetEnvCache();
    expect(verifyUrl("http://10.0.0.5:3000/learn/certificates/x", "N", "C")).toBe(
      "http://10.0.0.5:3000/verify?no=N&code=C",
    );
  });
});
