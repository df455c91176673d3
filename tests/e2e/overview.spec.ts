import { expect, test, type Page } from "@playwright/test";
import { demo, login } from "./fixtures.ts";

// The city overview lists one page of units (25) in the order the manager picks.

/** The completion-rate column of the unit table, as numbers (null for "—": nobody assigned). */
async function rates(page: Page): Promise<(number | null)[]> {
  const cells = await page
    .getByRole("table", { name: "各单位完成情况" })
    .locator("tbody tr td:last-child")
    .allTextContents();
  return cells.map((c) => (c.trim() === "—" ? null : Number(c.replace("%", ""))));
}

test("the city overview sorts units by completion rate, lowest or highest first, units with nobody assigned last", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const admin = demo("admin");
  await login(page, admin.username, admin.password);
  // An assignment in a year of its own (no other test's assignment is counted) for two districts
  // that come late in the units' order: every other top-level unit has nobody assigned ("—").
  await page.goto("/manage/assignments/new");
  await page.getByLabel("任务名称").fill("全市排序（e2e）");
  await page.getByLabel(/截止日期/).fill("2098-12-31");
  await page.getByLabel(/宪法/).first().check();
  await page.getByLabel("含下级：鞍山市及下级单位").uncheck();
  await page.getByLabel("含下级：铁东区及下级单位").check();
  await page.getByLabel("含下级：立山区及下级单位").check();
  await page.getByRole("button", { name: "布置任务" }).click();
  await page.waitForURL(/\/manage\/assignments\/\d+/);
  const assignmentUrl = new URL(page.url()).pathname;

  await page.goto("/manage/overview?year=2098");
  await expect(page.getByText(/按单位顺序，第 1–\d+ 个，共 \d+ 个。/)).toBeVisible();
  const inOrder = await rates(page);
  expect(inOrder.length).toBeLessThanOrEqual(25);
  expect(inOrder[0]).toBeNull();
  expect(inOrder.filter((r) => r !== null)).toHaveLength(2);

  const sorts = page.getByRole("navigation", { name: "单位排序" });
  await sorts.getByRole("link", { name: "完成率从低到高" }).click();
  await expect(page.getByText(/^完成率从低到高，第 1–\d+ 个，共 \d+ 个。$/)).toBeVisible();
  const low = await rates(page);
  const assigned = low.filter((r): r is number => r !== null);
  expect(assigned).toHaveLength(2);
  expect(assigned).toEqual([...assigned].sort((a, b) => a - b));
  expect(low.slice(0, 2)).toEqual(assigned);

  await sorts.getByRole("link", { name: "完成率从高到低" }).click();
  await expect(page.getByText(/^完成率从高到低，第 1–\d+ 个，共 \d+ 个。$/)).toBeVisible();
  const high = await rates(page);
  expect(high.slice(0, 2).every((r) => r !== null)).toBe(true);
  expect(high.slice(0, 2)).toEqual([...high.slice(0, 2)].sort((a, b) => b! - a!));
  // Drilling into a unit, or changing the year, keeps the order chosen. The table is one HTML
  // string (decision 0014, session 12): its plain drill-down links still navigate in the app
  // (the document stays, so a mark set on the window survives the click).
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page
    .getByRole("table", { name: "各单位完成情况" })
    .locator("tbody tr th a")
    .first()
    .click();
  await expect(page).toHaveURL(/[?&]unit=\d+.*sort=high/);
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
  await expect(sorts.locator("[aria-current]")).toHaveText("完成率从高到低");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(sorts.locator("[aria-current]")).toHaveText("完成率从高到低");

  // The assignment's own page orders its units the same way.
  await page.goto(assignmentUrl);
  await sorts.getByRole("link", { name: "完成率从低到高" }).click();
  await expect(page.getByText(/^完成率从低到高，第 1–\d+ 个，共 \d+ 个。$/)).toBeVisible();
  // Filtering the people below keeps the units' order.
  await page.getByLabel("状态").selectOption({ label: "未开始" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=not_started/);
  await expect(sorts.locator("[aria-current]")).toHaveText("完成率从低到高");
});

test("an unknown sort order is refused with a 400 and a Chinese message", async ({ page }) => {
  const admin = demo("admin");
  await login(page, admin.username, admin.password);
  const res = await page.goto("/manage/overview?sort=random");
  expect(res?.status()).toBe(400);
  await expect(page.getByText("筛选条件无效")).toBeVisible();
});
