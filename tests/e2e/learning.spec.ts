import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { GENERATED_STAFF_PASSWORD, login, logout, RESERVED_STAFF, withDb } from "./fixtures.ts";
import { answerKey, readAllLessons, submitQuiz } from "./learning-helpers.ts";

// The e2e database syncs the courses with READING_TIME_SCALE=0.005 (scripts/run-e2e.mjs),
// so a 10-minute lesson needs 3 seconds on the server clock.
const COURSE = "/learn/courses/constitution";

/** 学时 of the shipped courses open to staff, read from the files (not from the app). */
function staffCatalogueHours(): number {
  const dir = path.resolve("content/courses");
  return fs
    .readdirSync(dir)
    .map((slug) => parse(fs.readFileSync(path.join(dir, slug, "course.yaml"), "utf8")))
    .filter((c) => c.audience === "STAFF" || c.audience === "ALL")
    .reduce((n, c) => n + Number(c.creditHours), 0);
}

test("a staff member reads every lesson, fails the quiz once, passes, gets a certificate anyone can verify", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await login(page, RESERVED_STAFF.learner, GENERATED_STAFF_PASSWORD);
  await page.goto(COURSE);
  await page.getByRole("link", { name: /^开始学习/ }).click();
  await page.waitForURL(/\/lessons\//);

  // The reading rule: the button waits for the countdown, and the server, still the judge,
  // refuses an early POST with the time left.
  const early = await page.request.post(page.url(), {
    form: { intent: "mark-read" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(early.status()).toBe(400);
  expect(await early.text()).toMatch(/阅读时间不足，请再阅读 \d+ 秒后标记为已读/);
  await expect(page.locator("figure.citation").first()).toContainText("第一条");

  await readAllLessons(page);
  await expect(page.getByRole("heading", { name: /课程内容（已读 5 \/ 5）/ })).toBeVisible();

  // Attempt 1: submitted blank → fails, wrong answers go to the 错题本.
  await page.getByRole("button", { name: "开始测验" }).click();
  await page.waitForURL(/\/learn\/quiz\/\d+/);
  await submitQuiz(page);
  await expect(page.getByText(/未通过/)).toBeVisible();
  await expect(page.getByText("解析").first()).toBeVisible();
  await expect(page.locator("a.cite-link, figure.citation a").first()).toHaveAttribute(
    "href",
    /^\/laws\//,
  );

  // Attempt 2: the right answers.
  await page.goto(COURSE);
  await page.getByRole("button", { name: "开始测验" }).click();
  await page.waitForURL(/\/learn\/quiz\/\d+/);
  const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
  for (const [questionId, q] of await answerKey(attemptId)) {
    for (const option of q.answer)
      await page.locator(`input[name="q${questionId}"][value="${option}"]`).check();
  }
  await expect(page.getByText("答案已保存")).toBeVisible();
  await submitQuiz(page);
  await expect(page.getByText(/得分 100 分，通过/)).toBeVisible();

  // Completed: certificate with number and verification code.
  await page.goto(COURSE);
  await page.getByRole("link", { name: "查看证书" }).click();
  await expect(page.getByRole("heading", { name: "结业证书" })).toBeVisible();
  const number = (await page.locator("dt:has-text('证书编号') + dd").textContent())!.trim();
  const code = (await page.locator("dt:has-text('验证码') + dd").textContent())!.trim();
  expect(number).toMatch(/^FZXT-\d{4}-[0-9A-Z]{8}$/);

  await page.goto("/learn");
  await expect(page.getByText(/已获得 4 学时/)).toBeVisible();
  // Issue 19: the hours on offer are shown beside the yearly requirement.
  await expect(
    page.getByText(`课程中心的课程共可获得 ${staffCatalogueHours()} 学时。`),
  ).toBeVisible();
  await expect(page.getByText(/错题本中有 [1-9]\d* 道题/)).toBeVisible();

  await logout(page);
  await page.goto("/verify");
  await page.getByLabel("证书编号").fill(number);
  await page.getByLabel("验证码").fill(code);
  await page.getByRole("button", { name: "核验" }).click();
  await expect(page.getByText("证书有效")).toBeVisible();
  await expect(page.getByRole("status")).toContainText("《宪法》精讲");

  await page.getByLabel("验证码").fill("AAAAAAAA");
  await page.getByRole("button", { name: "核验" }).click();
  await expect(page.getByText("未找到与该编号和验证码相符的证书。")).toBeVisible();

  // Another staff member cannot open this learner's attempt or certificate by changing the id.
  await login(page, RESERVED_STAFF.otherLearner, GENERATED_STAFF_PASSWORD);
  const quiz = await page.goto(`/learn/quiz/${attemptId}`);
  expect(quiz?.status()).toBe(404);
  const cert = await page.goto(`/learn/certificates/${number}`);
  expect(cert?.status()).toBe(404);
});

test("a posted score and answers to questions outside the attempt are refused", async ({
  page,
}) => {
  await login(page, RESERVED_STAFF.otherLearner, GENERATED_STAFF_PASSWORD);
  await page.goto("/learn/courses/data-security-pipl");
  await page.getByRole("button", { name: "开始测验" }).click();
  await page.waitForURL(/\/learn\/quiz\/\d+/);
  const url = new URL(page.url());
  const post = (form: Record<string, string>) =>
    page.request.post(url.pathname, { form, headers: { Origin: url.origin }, maxRedirects: 0 });
  const score = await post({ intent: "submit", score: "100" });
  expect(score.status()).toBe(400);
  const outside = await post({ intent: "save", q999999: "a" });
  expect(outside.status()).toBe(400);
  const attemptId = Number(url.pathname.split("/").pop());
  const row = await withDb((db) =>
    db
      .selectFrom("QuizAttempt")
      .select(["submittedAt", "score"])
      .where("id", "=", attemptId)
      .executeTakeFirstOrThrow(),
  );
  expect(row).toEqual({ submittedAt: null, score: null });
});
