import { expect, test, type Page } from "@playwright/test";
import { realPdf } from "../fixtures/booking/files.ts";
import { demo, login, logout, submitLogin, waitForHydration, withDb } from "./fixtures.ts";
import { freshEnterprise, pickFirstSlot, registerEnterprise } from "./consult-helpers.ts";

// The real forms in Chromium: an untouched optional file input, a file name with = and ;, and
// an 11 MB file (with and without JavaScript) must all give the user a proper answer.
const ELEVEN_MB = {
  name: "大合同.pdf",
  mimeType: "application/pdf",
  buffer: realPdf(11 * 1024 * 1024),
};

async function toDetails(page: Page, type: string) {
  await page.goto("/consult/new");
  await page.getByRole("link", { name: type }).click();
  await page.getByRole("link", { name: "李律师" }).click();
  await pickFirstSlot(page);
  await page.getByLabel("主题").waitFor();
}

test.describe.serial("booking files in a real browser", () => {
  const company = freshEnterprise("附件");

  test("an enterprise books 法律咨询 and 法律培训 without choosing an attachment", async ({
    page,
  }) => {
    await registerEnterprise(page, company);

    await toDetails(page, "法律咨询");
    await waitForHydration(page);
    await page.getByLabel("主题").fill("无附件咨询（e2e）");
    await page.getByLabel("情况说明").fill("员工离职补偿如何计算。");
    await page.getByLabel("咨询方式").selectOption({ label: "线上" });
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.waitForURL(/\/consult\/bookings\/\d+\?notice=created$/);

    await toDetails(page, "法律培训");
    await waitForHydration(page);
    await page.getByLabel("主题").fill("无附件培训（e2e）");
    await page.getByLabel("情况说明").fill("面向中层管理人员。");
    await page.getByLabel("参训人数").fill("30");
    await page.getByLabel("培训内容").fill("劳动用工合规。");
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.waitForURL(/\/consult\/bookings\/\d+\?notice=created$/);
    const files = await withDb((db) =>
      db
        .selectFrom("BookingFile as f")
        .innerJoin("Booking as b", "b.id", "f.bookingId")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("b.topic", "like", "无附件%（e2e）")
        .executeTakeFirstOrThrow(),
    );
    expect(Number(files.n)).toBe(0);
  });

  test("a contract named 合同=终稿;v2.pdf is accepted and listed under its name", async ({
    page,
  }) => {
    await login(page, company.uscc, company.password);
    await toDetails(page, "法律咨询");
    await waitForHydration(page);
    await page.getByLabel("主题").fill("等号文件名（e2e）");
    await page.getByLabel("情况说明").fill("请审查。");
    await page.getByLabel("咨询方式").selectOption({ label: "线上" });
    await page
      .getByLabel("附件（可选）")
      .setInputFiles({ name: "合同=终稿;v2.pdf", mimeType: "application/pdf", buffer: realPdf() });
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.waitForURL(/\/consult\/bookings\/\d+\?notice=created$/);
    await expect(page.getByRole("link", { name: "合同=终稿;v2.pdf" })).toBeVisible();
  });

  test("an 11 MB file sent by the browser's own form (no JavaScript) shows the Chinese 文件过大 page", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await submitLogin(page, company.uscc, company.password);
    await page.waitForURL((url) => url.pathname !== "/login");
    await toDetails(page, "法律咨询");
    await page.getByLabel("主题").fill("大文件（e2e）");
    await page.getByLabel("情况说明").fill("附件过大。");
    await page.getByLabel("咨询方式").selectOption({ label: "电话" });
    await page.getByLabel("附件（可选）").setInputFiles(ELEVEN_MB);
    const answer = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "确认预约" }).click();
    expect((await answer).status()).toBe(413);
    await expect(page.getByText(/文件过大/).first()).toBeVisible();
    await context.close();
  });

  test("the expert refused an 11 MB returned file sees 文件过大, then completes without a file", async ({
    page,
  }) => {
    const expert = demo("expert");
    await login(page, expert.username, expert.password);
    await page.goto(`/expert?tab=pending&q=${encodeURIComponent("无附件咨询（e2e）")}`);
    await page.getByRole("link", { name: "无附件咨询（e2e）", exact: true }).first().click();
    await waitForHydration(page);
    await page.getByRole("button", { name: "确认预约" }).click();
    await expect(page.getByText("已确认预约。")).toBeVisible();
    await page.getByLabel("书面意见").fill("按劳动合同法第四十七条计算经济补偿。");
    await page.getByLabel(/返还文件/).setInputFiles(ELEVEN_MB);
    await page.getByRole("button", { name: "提交意见并完成" }).click();
    await expect(page.getByText(/文件过大/).first()).toBeVisible();

    await page.reload();
    await waitForHydration(page);
    await page.getByLabel("书面意见").fill("按劳动合同法第四十七条计算经济补偿。");
    await page.getByRole("button", { name: "提交意见并完成" }).click();
    await expect(page.getByText("已提交意见，服务完成。")).toBeVisible();
    await logout(page);
  });
});
