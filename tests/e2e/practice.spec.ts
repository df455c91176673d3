import { expect, test } from "@playwright/test";
import {
  apiContext,
  demo,
  expectRefused,
  GENERATED_STAFF_PASSWORD,
  login,
  submitLogin,
  userRow,
  withDb,
} from "./fixtures.ts";
import { showAllQuestions, submitQuiz } from "./learning-helpers.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Generated staff reserved for these tests (issue 19), apart from fixtures' RESERVED_STAFF.
const PRACTICE_STAFF = {
  daily: "A000190",
  dailyNoJs: "A000191",
  mock: "A000192",
  mockOther: "A000193",
} as const;

type PerUser = "DailyAnswer" | "Completion" | "QuizAttempt" | "WrongAnswer" | "ExamAttempt";
const count = (table: PerUser, userId: number) =>
  withDb(async (db) =>
    Number(
      (
        await db
          .selectFrom(table as "DailyAnswer")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("userId", "=", userId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

const rightAnswer = (questionId: number) =>
  withDb(
    async (db) =>
      JSON.parse(
        (
          await db
            .selectFrom("Question")
            .select("answer")
            .where("id", "=", questionId)
            .executeTakeFirstOrThrow()
        ).answer,
      ) as string[],
  );

test("每日一题 is answered on the home page, with feedback and a streak, also without JavaScript", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await login(page, PRACTICE_STAFF.daily, GENERATED_STAFF_PASSWORD);
  await page.goto("/");
  const daily = page.getByRole("region", { name: "每日一题" });
  await expect(daily).toBeVisible();
  await expect(daily.getByTestId("daily-streak")).toHaveText("今天开始连续答题吧");
  const name = await daily.locator("input[name^=q]").first().getAttribute("name");
  const questionId = Number(name!.slice(1));
  for (const option of await rightAnswer(questionId))
    await daily.locator(`input[name="q${questionId}"][value="${option}"]`).check();
  await daily.getByRole("button", { name: "提交答案" }).click();
  await expect(daily.getByRole("status")).toHaveText(/回答正确！/);
  await expect(daily.getByText("解析")).toBeVisible();
  await expect(daily.getByTestId("daily-streak")).toHaveText("已连续答题 1 天");
  await expectNoSidewaysScroll(page, "每日一题 at 360 px");
  await page.screenshot({ path: "test-results/practice-daily-360.png", fullPage: true });
  const user = await userRow(PRACTICE_STAFF.daily);
  expect(await count("DailyAnswer", user.id)).toBe(1);
  for (const table of ["Completion", "QuizAttempt", "WrongAnswer", "ExamAttempt"] as const)
    expect(await count(table, user.id), table).toBe(0);

  // A second answer the same day changes nothing: the first result stands.
  const api = await apiContext({
    username: PRACTICE_STAFF.daily,
    password: GENERATED_STAFF_PASSWORD,
  });
  const again = await api.post("/?index", {
    form: { intent: "submit", [`q${questionId}`]: "z" },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(302);
  expect(await count("DailyAnswer", user.id)).toBe(1);

  // Hostile input: 4xx with a Chinese message, never 500.
  await expectRefused(
    await api.post("/?index", { form: { intent: "submit", ["__proto__"]: "a" } }),
    400,
  );
  await api.dispose();

  // Before answering: a question that is not today's, or an unknown option, is refused.
  const noJsApi = await apiContext({
    username: PRACTICE_STAFF.dailyNoJs,
    password: GENERATED_STAFF_PASSWORD,
  });
  await expectRefused(
    await noJsApi.post("/?index", { form: { intent: "submit", q999999999: "a" } }),
    409,
  );
  await expectRefused(
    await noJsApi.post("/?index", { form: { intent: "submit", q1: "a", q2: "a" } }),
    400,
  );
  await noJsApi.dispose();
  // Roles without 每日一题 cannot post it.
  const enterprise = await apiContext({
    username: "enterprise",
    password: demo("enterprise").password,
  });
  await expectRefused(
    await enterprise.post("/?index", { form: { intent: "submit", q1: "a" } }),
    403,
  );
  await enterprise.dispose();

  // Without JavaScript: a plain form post, and the page shows the result.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto("/login");
  await submitLogin(noJs, PRACTICE_STAFF.dailyNoJs, GENERATED_STAFF_PASSWORD);
  await noJs.waitForURL((url) => url.pathname === "/");
  const region = noJs.getByRole("region", { name: "每日一题" });
  const inputs = region.locator("input[name^=q]");
  const qName = (await inputs.first().getAttribute("name"))!;
  const answer = await rightAnswer(Number(qName.slice(1)));
  const values = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const wrong = values.find((v) => !answer.includes(v))!;
  await region.locator(`input[name="${qName}"][value="${wrong}"]`).check();
  await region.getByRole("button", { name: "提交答案" }).click();
  await expect(noJs.getByRole("region", { name: "每日一题" }).getByRole("status")).toHaveText(
    /回答错误。/,
  );
  await context.close();
});

test("a 模拟考试 is taken and graded without using an exam attempt", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 780 });
  await login(page, PRACTICE_STAFF.mock, GENERATED_STAFF_PASSWORD);
  await page.goto("/learn/exam");
  await page.getByRole("link", { name: "模拟考试" }).click();
  await expect(page.getByText(/随机抽取 50\s*道题，限时 90 分钟，60 分及格/)).toBeVisible();
  await page.getByRole("button", { name: "开始模拟考试" }).click();
  await page.waitForURL(/\/learn\/exam\/mock\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("共 50 题");
  await showAllQuestions(page);
  await expectNoSidewaysScroll(page, "a 50-question mock exam");
  const mockId = Number(new URL(page.url()).pathname.split("/").pop());
  const draw = await withDb(
    async (db) =>
      JSON.parse(
        (
          await db
            .selectFrom("MockExam")
            .select("draw")
            .where("id", "=", mockId)
            .executeTakeFirstOrThrow()
        ).draw,
      ) as { questionId: number }[],
  );
  for (const { questionId } of draw)
    for (const option of await rightAnswer(questionId))
      await page.locator(`input[name="q${questionId}"][value="${option}"]`).check();
  await submitQuiz(page);
  await expect(page.getByText(/得分 100 分，及格（及格线 60 分）/)).toBeVisible();
  await expect(page.getByText("解析").first()).toBeVisible();

  // The annual exam is untouched: no attempt used, still all three left.
  const user = await userRow(PRACTICE_STAFF.mock);
  expect(await count("ExamAttempt", user.id)).toBe(0);
  await page.goto("/learn/exam");
  await expect(page.getByText("您本年度还没有参加考试。")).toBeVisible();
  await expect(page.getByRole("link", { name: "开始考试" })).toBeVisible();

  // Another person's mock exam, impossible ids and hostile forms: 4xx, never 500.
  const other = await apiContext({
    username: PRACTICE_STAFF.mockOther,
    password: GENERATED_STAFF_PASSWORD,
  });
  await expectRefused(await other.get(`/learn/exam/mock/${mockId}`), 404);
  await expectRefused(
    await other.post(`/learn/exam/mock/${mockId}`, { form: { intent: "submit" } }),
    404,
  );
  for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999", "1e400"])
    await expectRefused(await other.get(`/learn/exam/mock/${id}`), 404);
  const start = await other.post("/learn/exam/mock", {
    form: { intent: "start-mock" },
    maxRedirects: 0,
  });
  expect(start.status()).toBe(302);
  const ownPath = start.headers()["location"]!;
  await expectRefused(
    await other.post(ownPath, { form: { intent: "save", ["__proto__"]: "a" } }),
    400,
  );
  await expectRefused(
    await other.post(ownPath, { form: { intent: "save", q999999999: "a" } }),
    400,
  );
  await expectRefused(await other.post(ownPath, { form: { intent: "submit", score: "100" } }), 400);
  await expectRefused(
    await other.post("/learn/exam/mock", { form: { intent: "start-mock", passed: "1" } }),
    400,
  );
  await other.dispose();
});
