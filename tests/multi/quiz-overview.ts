// Part of the cluster suite (suite.ts): one quiz graded once when its submits are spread over
// both instances, and the completion it writes seen at once by the other instance's kept
// overview (the rollup versions live in the database, decision 0010).
import { expect, it } from "vitest";
import { login, request, type TestDb } from "./cluster.ts";

const upstream = (port: number) => `127.0.0.1:${port}`;
const completed = (body: string) => {
  // "应学 N 人次，已完成 N 人次" (React puts <!-- --> between text and values).
  const m = /已完成 (?:<!-- -->)?(\d+)(?:<!-- -->)? 人次/.exec(body);
  if (!m) throw new Error("no 已完成 figure on the overview");
  return Number(m[1]);
};

type Ctx = { db: TestDb; proxy: number; a: number; b: number };

export function quizAndOverviewTests(ctx: () => Ctx) {
  it("20 simultaneous submits of one quiz spread over both instances give one grade; the completion written on one shows at once in the other's overview", async () => {
    const { db, proxy, a, b } = ctx();
    const one = async <T>(sql: string, params: unknown[] = []) => {
      const [row] = await db.rows<T>(sql, params);
      if (!row) throw new Error(`no row: ${sql}`);
      return row;
    };
    const staff = await one<{ id: number; orgUnitId: number }>(
      `SELECT id, "orgUnitId" FROM "User" WHERE username = 'staff'`,
    );
    const course = await one<{ id: number; slug: string }>(
      `SELECT c.id, c.slug FROM "Course" c WHERE c.active = ? AND c.audience IN ('STAFF', 'ALL')
         AND NOT EXISTS (SELECT 1 FROM "Completion" k WHERE k."courseId" = c.id AND k."userId" = ?)
       ORDER BY c."sortOrder", c.id`,
      [true, staff.id],
    );
    const now = new Date();
    // Due in 30 days (a Beijing day); the overview shows the tasks due in one Beijing year.
    const dueDay = new Date(now.getTime() + 30 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const dueYear = Number(dueDay.slice(0, 4));
    // Every lesson read an hour ago (reading times are tested elsewhere).
    const read = new Date(now.getTime() - 3_600_000);
    await db.rows(
      `INSERT INTO "LessonProgress" ("userId", "lessonId", "openedAt", "readAt")
       SELECT ?, l.id, ?, ? FROM "Lesson" l WHERE l."courseId" = ? RETURNING "lessonId"`,
      [staff.id, read, read, course.id],
    );

    // A task for the staff member, set by the admin on instance A.
    const adminSession = await login(proxy, "127.0.0.50", "admin", "Admin@2026");
    const created = await request({
      port: a,
      path: "/manage/assignments/new",
      headers: { Cookie: adminSession.cookie },
      form: {
        title: "集群测试任务",
        dueDate: dueDay,
        courseId: String(course.id),
        unitCodes: "",
        usernames: "staff",
      },
    });
    expect(created.status).toBe(302);
    // B's overview, kept in B's memory from now on.
    const overview = (port: number) =>
      request({
        port,
        path: `/manage/overview?year=${dueYear}`,
        headers: { Cookie: adminSession.cookie },
      });
    const before = await overview(b);
    expect(before.status).toBe(200);
    const done = completed(before.body);

    const from = "127.0.0.51";
    const { cookie } = await login(proxy, from, "staff", "Staff@2026");
    const start = await request({
      port: proxy,
      path: `/learn/courses/${course.slug}?index`,
      from,
      headers: { Cookie: cookie },
      form: { intent: "start-quiz" },
    });
    expect(start.status).toBe(302);
    const quizPath = String(start.headers.location);
    const attemptId = Number(/\/learn\/quiz\/(\d+)/.exec(quizPath)?.[1]);
    const attempt = await one<{ draw: string }>(`SELECT draw FROM "QuizAttempt" WHERE id = ?`, [
      attemptId,
    ]);
    const form: Record<string, string> = { intent: "submit" };
    for (const d of JSON.parse(attempt.draw) as { questionId: number }[]) {
      const q = await one<{ answer: string }>(`SELECT answer FROM "Question" WHERE id = ?`, [
        d.questionId,
      ]);
      const answer = JSON.parse(q.answer) as string[];
      // One right option per question is enough for single-choice and true/false draws; a
      // multiple-choice question needs all of them, sent as repeated fields below.
      form[`q${d.questionId}`] = answer.join("\u0000");
    }
    const body = Object.entries(form)
      .flatMap(([k, v]) => v.split("\u0000").map((x) => `${k}=${encodeURIComponent(x)}`))
      .join("&");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request({
          port: proxy,
          path: quizPath,
          from,
          headers: { Cookie: cookie },
          raw: { bytes: Buffer.from(body), type: "application/x-www-form-urlencoded" },
        }),
      ),
    );
    expect(answers.map((x) => x.status)).toEqual(Array(20).fill(302));
    expect(new Set(answers.map((x) => x.headers["x-upstream"]))).toEqual(
      new Set([upstream(a), upstream(b)]),
    );
    const graded = await one<{ score: number | null; submitted: number }>(
      `SELECT score, CAST(COUNT("submittedAt") AS INTEGER) AS submitted FROM "QuizAttempt" WHERE id = ? GROUP BY score`,
      [attemptId],
    );
    expect(graded).toEqual({ score: 100, submitted: 1 });
    const completions = await one<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "Completion" WHERE "userId" = ? AND "courseId" = ?`,
      [staff.id, course.id],
    );
    expect(completions.n).toBe(1);
    const audits = await one<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "AuditLog" WHERE action = 'COURSE_COMPLETE' AND "actorId" = ?`,
      [staff.id],
    );
    expect(audits.n).toBe(1);

    // At once: no wait, no cache expiry; both instances show the new completion.
    for (const port of [b, a]) expect(completed((await overview(port)).body)).toBe(done + 1);
  });
}
