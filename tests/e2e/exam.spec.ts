import { expect, test } from "@playwright/test";
import { demo, GENERATED_STAFF_PASSWORD, login, logout, RESERVED_STAFF } from "./fixtures.ts";
import { answerKey, completeCourse, submitQuiz } from "./learning-helpers.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

test("a staff member completes one of the new courses end to end, on a phone-sized screen", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, RESERVED_STAFF.newCourse, GENERATED_STAFF_PASSWORD);
  await page.goto("/learn/courses/administrative-licensing");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("行政许可法与审批服务实务");
  await page.getByRole("link", { name: /^开始学习/ }).click();
  // A lesson reads on a phone: the cited article is rendered and nothing overflows sideways.
  await expect(page.locator("figure.citation").first()).toBeVisible();
  await expectNoSidewaysScroll(page, "a lesson at 360 px");
  await completeCourse(page, "administrative-licensing");
  await page.goto("/learn");
  await expect(page.getByText("行政许可法与审批服务实务").first()).toBeVisible();
});

test("a staff member sits the annual law exam: 50 questions, graded once, shown in 我的学习", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await login(page, RESERVED_STAFF.exam, GENERATED_STAFF_PASSWORD);
  await page.goto("/learn");
  await expect(page.getByRole("heading", { name: /年度学法考试/ })).toBeVisible();
  await expect(page.getByText("尚未参加。")).toBeVisible();
  await page.getByRole("link", { name: "前往考试" }).click();
  await expect(page.getByText(/随机抽取 50 道，限时 90 分钟，60 分及格/)).toBeVisible();
  // One navigation item is current, not also 我的学习 (/learn) above it.
  await expect(
    page.getByRole("navigation", { name: "主导航" }).locator('[aria-current="page"]'),
  ).toHaveText(["年度考试"]);
  await page.getByRole("link", { name: "开始考试" }).click();
  await page.waitForURL(/\/learn\/exam\/start$/);
  await page.getByLabel("我已阅读并同意以上考前须知").check();
  await page.getByRole("button", { name: "确认开始考试" }).click();
  await page.waitForURL(/\/learn\/exam\/\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("共 50 题");
  const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
  for (const [questionId, q] of await answerKey(attemptId, "ExamAttempt")) {
    for (const option of q.answer)
      await page.locator(`input[name="q${questionId}"][value="${option}"]`).check();
  }
  await submitQuiz(page);
  await expect(page.getByText(/得分 100 分，通过（及格线 60 分）/)).toBeVisible();
  await expect(page.getByText("解析").first()).toBeVisible();
  // In the review the options keep the attempt's order, lettered by position (the 解析's letters are rewritten to match).
  const firstChoice = page
    .locator("fieldset")
    .filter({ hasText: "单选题" })
    .first()
    .locator("label");
  await expect(firstChoice.nth(0)).toHaveText(/^A\. /);
  await expect(firstChoice.nth(1)).toHaveText(/^B\. /);
  await page.goto("/learn");
  await expect(page.getByText(/已通过（100 分）/)).toBeVisible();
  await page.goto("/learn/exam");
  await expect(page.getByRole("link", { name: "开始考试" })).toHaveCount(0);

  // The city's audit counts the pass at once.
  await logout(page);
  await login(page, "admin", demo("admin").password);
  await page.goto("/manage/overview");
  await page.getByRole("link", { name: /年度学法考试参考和通过情况/ }).click();
  await expect(page.getByText(/已通过 [1-9]\d* 人/)).toBeVisible();
});
