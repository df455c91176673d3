import { expect, type Page } from "@playwright/test";
import { waitForHydration, withDb } from "./fixtures.ts";

// Shared steps of the learning journeys (learning.spec.ts, assignments.spec.ts).

export async function markRead(page: Page) {
  const done = page.getByText("本课已标记为已读。");
  for (let i = 0; i < 20; i++) {
    if (await done.isVisible()) return;
    const answered = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "标记为已读" }).click();
    await answered;
    await page.waitForTimeout(1000);
  }
  throw new Error("lesson never accepted as read");
}

/** Right or wrong answers for the attempt on screen, from the database (the browser never sees the key). */
export async function answerKey(
  attemptId: number,
  table: "QuizAttempt" | "ExamAttempt" = "QuizAttempt",
): Promise<Map<number, { type: string; answer: string[]; options: string[] }>> {
  return withDb(async (db) => {
    const attempt = await db
      .selectFrom(table)
      .select("draw")
      .where("id", "=", attemptId)
      .executeTakeFirstOrThrow();
    const draw = JSON.parse(attempt.draw) as { questionId: number; options: string[] }[];
    const key = new Map<number, { type: string; answer: string[]; options: string[] }>();
    for (const d of draw) {
      const q = await db
        .selectFrom("Question")
        .select(["type", "answer"])
        .where("id", "=", d.questionId)
        .executeTakeFirstOrThrow();
      key.set(d.questionId, {
        type: q.type,
        answer: JSON.parse(q.answer) as string[],
        options: d.options,
      });
    }
    return key;
  });
}

/** On a phone the attempt shows one question per screen; this switches to the whole list. */
export async function showAllQuestions(page: Page) {
  await waitForHydration(page);
  const all = page.getByRole("button", { name: "显示全部题目" });
  if (await all.isVisible()) await all.click();
}

export async function submitQuiz(page: Page) {
  await page.getByRole("button", { name: "交卷" }).click();
  await page.getByRole("button", { name: "确认交卷" }).click();
  await expect(page.getByText(/^得分 \d+ 分/)).toBeVisible();
}

/** From a lesson page: marks it read, follows "next" to the end and lands on the course page. */
export async function readAllLessons(page: Page) {
  for (;;) {
    await markRead(page);
    const next = page.getByRole("navigation", { name: "上一课和下一课" }).getByRole("link").last();
    const href = (await next.getAttribute("href"))!;
    await next.click();
    await page.waitForURL((u) => u.pathname === href);
    if (!href.includes("/lessons/")) break;
    // The URL changes before React renders the next lesson; until it does, the old page (already
    // "已读", its "next" link pointing here) is still on screen and would skip a lesson.
    await expect(
      page.getByRole("navigation", { name: "上一课和下一课" }).getByRole("link").last(),
    ).not.toHaveAttribute("href", href);
  }
}

/** Reads every lesson of a course on the (scaled) server clock and passes its quiz. */
export async function completeCourse(page: Page, slug: string) {
  await page.goto(`/learn/courses/${slug}`);
  const start = page.getByRole("link", { name: /^(开始|继续)学习/ });
  if (await start.count()) {
    await start.click();
    await readAllLessons(page);
  }
  await page.getByRole("button", { name: /开始测验|继续作答/ }).click();
  await page.waitForURL(/\/learn\/quiz\/\d+/);
  await showAllQuestions(page);
  const attemptId = Number(new URL(page.url()).pathname.split("/").pop());
  for (const [questionId, q] of await answerKey(attemptId)) {
    for (const option of q.answer)
      await page.locator(`input[name="q${questionId}"][value="${option}"]`).check();
  }
  await submitQuiz(page);
  await expect(page.getByText(/得分 100 分，通过/)).toBeVisible();
}
