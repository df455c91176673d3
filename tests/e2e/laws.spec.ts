import { expect, test, type Page } from "@playwright/test";
import { login } from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// The statute library (issue 15): article-aware search, versions and 新旧对照,
// the law in force in Chinese, long laws a chapter at a time.

/** Latin words a reader would see (the app shell's own text included). */
async function visibleLatinWords(page: Page): Promise<string[]> {
  const text = await page.locator("main").innerText();
  return text.match(/[A-Za-z]{3,}/g) ?? [];
}

test.describe("statute library", () => {
  test.beforeEach(async ({ page }) => {
    await login(page, "staff", "Staff@2026");
  });

  test("searching 宪法第三十三条 lands on the article", async ({ page }) => {
    await page.goto("/laws");
    await page.getByLabel("检索法条").fill("宪法第三十三条");
    await page.getByRole("button", { name: "检索" }).click();
    await expect(page).toHaveURL(/\/laws\/constitution\/33$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "中华人民共和国宪法 第三十三条",
    );
    await expect(
      page.getByText("凡具有中华人民共和国国籍的人都是中华人民共和国公民。"),
    ).toBeVisible();
  });

  test("words are highlighted and results page on past 50", async ({ page }) => {
    await page.goto(`/laws/search?q=${encodeURIComponent("应当")}`);
    await expect(page.locator("mark").first()).toHaveText("应当");
    await expect(page.getByText(/共 \d+ 条结果，第 1 \/ \d+ 页/)).toBeVisible();
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(page.getByText(/第 2 \/ \d+ 页/)).toBeVisible();
    await page.goto(`/laws/search?q=${encodeURIComponent("<b>数据</b>")}`);
    await expect(page.locator("main b")).toHaveCount(0);
  });

  test("the 新旧对照 of 行政复议法 shows a changed and renumbered article", async ({ page }) => {
    await page.goto("/laws/administrative-reconsideration-law");
    await page.getByRole("link", { name: /新旧对照/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "中华人民共和国行政复议法 新旧对照",
    );
    const row = page
      .getByRole("listitem")
      .filter({ hasText: "2017年版第十二条 → 2023年版第二十七条" });
    await expect(row.getByText("修改", { exact: true })).toBeVisible();
    await expect(row.getByText("条号变化")).toBeVisible();
    await expect(row.locator("del").first()).toBeVisible();
    await expect(row.locator("ins").first()).toBeVisible();
    // One article, from its page in the 2017 version.
    await page.goto("/laws/administrative-reconsideration-law/12?v=2017");
    await expect(page.getByText("已被修改").first()).toBeVisible();
    await expect(page.getByText(/施行期间：2018年1月1日至2023年12月31日/)).toBeVisible();
    await page.getByRole("link", { name: "与2023年版对照本条" }).click();
    await expect(page.getByRole("heading", { level: 2 })).toContainText(
      "2017年版第十二条 → 2023年版第二十七条",
    );
  });

  test("the Cybersecurity Law is shown as 已被修改 with a Chinese notice, and no page shows English", async ({
    page,
  }) => {
    await page.goto("/laws/cybersecurity-law");
    await expect(page.getByText("已被修改").first()).toBeVisible();
    await expect(page.getByText("施行期间：2017年6月1日至2025年12月31日")).toBeVisible();
    await expect(
      page.getByRole("note").filter({ hasText: "不含2025年10月28日全国人大常委会的修改" }),
    ).toBeVisible();
    for (const path of [
      "/laws",
      "/laws/cybersecurity-law",
      "/laws/cybersecurity-law/21",
      "/laws/civil-code",
      "/laws/constitution",
      "/laws/company-law/20?v=2018",
      "/laws/supervision-law/compare?from=2018&to=2024",
      `/laws/search?q=${encodeURIComponent("第三十三条")}`,
      `/laws/search?q=${encodeURIComponent("个人信息 同意")}`,
    ]) {
      await page.goto(path);
      expect(await visibleLatinWords(page), path).toEqual([]);
    }
  });

  test("the laws are listed by rank: 宪法, 法律, 行政法规, with counts", async ({ page }) => {
    await page.goto("/laws");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText([
      "宪法（1 部）",
      "法律（16 部）",
      "行政法规（6 部）",
    ]);
  });

  test("the Civil Code is read a chapter at a time, with contents in view and a jump box", async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/laws/civil-code");
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(20000);
    const toc = page.getByRole("navigation", { name: "目录", exact: true });
    await page.mouse.wheel(0, 3000);
    await expect(toc).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath("civil-code-1280.png"), fullPage: false });
    await page.getByLabel(/跳到第几条/).fill("1165");
    await page.getByRole("button", { name: "跳转" }).click();
    await expect(page).toHaveURL(/\/laws\/civil-code\/1165$/);
    await page.getByRole("link", { name: /全文/ }).click();
    await expect(page).toHaveURL(/chapter=\d+#a1165$/);
    await expect(page.locator("#a1165")).toBeInViewport();
    await page.getByLabel(/跳到第几条/).fill("9999");
    await page.getByRole("button", { name: "跳转" }).click();
    await expect(page.getByRole("alert")).toHaveText("请输入 1 至 1260 之间的条号");
  });

  test("on a phone the contents are a drawer that works without scripts", async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/laws/company-law");
    await expect(page.getByRole("navigation", { name: "目录", exact: true })).toBeHidden();
    await page.getByText("目录", { exact: true }).first().click();
    await expect(page.getByRole("navigation", { name: "目录（折叠）" })).toBeVisible();
    await expectNoSidewaysScroll(page, "the Company Law at 360 px");
    await page.screenshot({ path: testInfo.outputPath("company-law-360.png"), fullPage: false });
  });

  test("bad version or chapter parameters get a Chinese 4xx, not a 500", async ({ page }) => {
    expect((await page.goto("/laws/company-law/20?v=abc"))!.status()).toBe(400);
    expect((await page.goto("/laws/company-law/20?v=2019"))!.status()).toBe(404);
    expect((await page.goto("/laws/civil-code?chapter=400"))!.status()).toBe(404);
    expect((await page.goto("/laws/company-law/compare?from=2023&to=2018"))!.status()).toBe(400);
    await expect(page.getByText("旧版本应早于新版本")).toBeVisible();
  });
});
