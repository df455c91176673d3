// Issue 18 (part B): 合同审查 as document work. At phone (360 px) and desktop (1280 px) width an
// enterprise requests a review (contract, purpose, 期望完成日期; no slot), the expert finds it in
// the workbench tabs and accepts it with a promised date, writes the opinion, and the enterprise
// rates it with the star radio group; the booking page's timeline shows each step.
import { expect, test, type Browser } from "@playwright/test";
import { realPdf } from "../fixtures/booking/files.ts";
import { expectNoSeriousViolations } from "./axe.ts";
import { freshEnterprise, registerEnterprise } from "./consult-helpers.ts";
import { demo, login, waitForHydration, withDb } from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

const WIDTHS = [360, 1280] as const;
const beijingDay = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const chinese = (day: string) => `${Number(day.slice(5, 7))} 月 ${Number(day.slice(8, 10))} 日`;

async function open(browser: Browser, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: width === 360 ? 740 : 900 },
  });
  return { context, page: await context.newPage() };
}

for (const width of WIDTHS) {
  test(`a contract review goes request → accepted with a promised date → opinion → rating (${width} px)`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const topic = `设备采购合同审查 ${width}-${Date.now() % 100000}`;
    const company = freshEnterprise(`审查${width}`);
    const wish = beijingDay(12);
    const promise = beijingDay(9);

    // The enterprise requests the review: no slot step.
    const ent = await open(browser, width);
    await registerEnterprise(ent.page, company);
    await waitForHydration(ent.page);
    await ent.page.getByRole("link", { name: "申请合同审查" }).first().click();
    await ent.page.waitForURL("**/consult/review/new");
    await waitForHydration(ent.page);
    await expect(ent.page.getByRole("heading", { name: "申请合同审查" })).toBeVisible();
    await expectNoSeriousViolations(ent.page, "/consult/review/new");
    // Nothing chosen: the server says what is missing, in Chinese, and stores nothing.
    await ent.page.getByRole("button", { name: "提交审查申请" }).click();
    await expect(ent.page.getByText("请上传需要审查的合同（PDF 或 DOCX）")).toBeVisible();
    await expect(ent.page.getByLabel("审查专家")).toHaveAttribute("aria-invalid", "true");
    const li = await ent.page
      .getByLabel("审查专家")
      .locator("option", { hasText: "李律师" })
      .getAttribute("value");
    await ent.page.getByLabel("审查专家").selectOption(li!);
    await ent.page.getByLabel("合同名称").fill(topic);
    await ent.page.getByLabel("审查目的").fill("签约前审查付款与违约条款。");
    await ent.page.getByLabel("期望完成日期").fill(wish);
    await ent.page
      .getByLabel("合同文件")
      .setInputFiles({ name: "设备采购合同.pdf", mimeType: "application/pdf", buffer: realPdf() });
    await ent.page.getByRole("button", { name: "提交审查申请" }).dblclick();
    await ent.page.waitForURL(/\/consult\/bookings\/\d+\?notice=review-created$/);
    await expect(ent.page.getByText("合同审查申请已提交，等待专家受理。")).toBeVisible();
    const bookingUrl = new URL(ent.page.url()).pathname;
    const timeline = ent.page.getByTestId("timeline");
    await expect(timeline.getByRole("listitem")).toHaveText([
      /已提交（已完成）/,
      new RegExp(`已受理（期望 ${chinese(wish)}前完成）（当前）`),
      /已出具意见（未到）/,
      /已评价（未到）/,
    ]);
    await expectNoSidewaysScroll(ent.page);
    await expectNoSeriousViolations(ent.page, "booking page (review requested)");
    await ent.page.screenshot({
      path: `test-results/review-requested-${width}.png`,
      fullPage: true,
    });
    const rows = await withDb((db) =>
      db
        .selectFrom("Booking")
        .select(["id", "type", "wishDate", "slotHold"])
        .where("topic", "=", topic)
        .execute(),
    );
    expect(rows).toHaveLength(1); // the double click made one request
    expect(rows[0]).toMatchObject({ type: "CONTRACT_REVIEW", wishDate: wish });

    // The expert: the 待确认 tab holds it, 已完成 does not; search finds it.
    const ex = await open(browser, width);
    const expert = demo("expert");
    await login(ex.page, expert.username, expert.password);
    await ex.page.goto(`/expert?tab=pending&q=${encodeURIComponent(topic)}`);
    await waitForHydration(ex.page);
    await expect(ex.page.getByRole("link", { name: topic })).toBeVisible();
    await expectNoSeriousViolations(ex.page, "/expert workbench");
    await expectNoSidewaysScroll(ex.page);
    await ex.page.getByRole("link", { name: /^已完成（/ }).click();
    await expect(ex.page.getByText("没有符合搜索条件的记录。")).toBeVisible();
    await ex.page.getByRole("link", { name: /^待确认（/ }).click();
    await ex.page.getByRole("link", { name: topic }).click();
    await ex.page.waitForURL(`**${bookingUrl}`);
    await waitForHydration(ex.page);
    // Opening it read the expert's notice about it.
    const unread = await withDb((db) =>
      db
        .selectFrom("Notification")
        .select("Notification.id")
        .where("Notification.link", "=", bookingUrl)
        .where("Notification.readAt", "is", null)
        .innerJoin("User as u", "u.id", "Notification.userId")
        .where("u.username", "=", expert.username)
        .execute(),
    );
    expect(unread).toEqual([]);
    await ex.page.getByLabel("承诺完成日期").fill(promise);
    await ex.page.getByRole("button", { name: "受理", exact: true }).click();
    await expect(ex.page.getByText("已受理合同审查，企业会看到承诺完成日期。")).toBeVisible();
    await expect(ex.page.getByTestId("timeline")).toContainText(
      `已受理（承诺 ${chinese(promise)}前完成）`,
    );
    await ex.page.goto(`/expert?tab=open&q=${encodeURIComponent(topic)}`);
    await expect(ex.page.getByRole("link", { name: topic })).toBeVisible();
    await ex.page.getByRole("link", { name: topic }).click();
    await waitForHydration(ex.page);
    await ex.page.getByLabel("书面意见").fill("第七条违约金比例过高，建议调整为合同总价的 10%。");
    await ex.page.getByRole("button", { name: "提交意见并完成" }).click();
    await expect(ex.page.getByText("已提交意见，服务完成。")).toBeVisible();
    await ex.page.goto(`/expert?tab=done&q=${encodeURIComponent(topic)}`);
    await expect(ex.page.getByRole("link", { name: topic })).toBeVisible();

    // The enterprise sees the promise and the opinion, and rates with the star radio group.
    await ent.page.goto(bookingUrl);
    await waitForHydration(ent.page);
    await expect(ent.page.getByText("第七条违约金比例过高")).toBeVisible();
    await expect(ent.page.getByTestId("timeline").getByRole("listitem")).toHaveText([
      /已提交（已完成）/,
      new RegExp(`已受理（承诺 ${chinese(promise)}前完成）（已完成）`),
      /已出具意见（已完成）/,
      /已评价（当前）/,
    ]);
    const stars = ent.page.getByRole("group", { name: "评分（1–5 星）" });
    await expect(stars.getByRole("radio")).toHaveCount(5);
    await ent.page.getByRole("button", { name: "提交评价" }).click();
    await expect(ent.page.getByText("请选择评分")).toBeVisible();
    // Keyboard: focus the first star, arrow to the fourth.
    await stars.getByRole("radio", { name: "1 星" }).focus();
    await ent.page.keyboard.press("ArrowRight");
    await ent.page.keyboard.press("ArrowRight");
    await ent.page.keyboard.press("ArrowRight");
    await expect(stars.getByRole("radio", { name: "4 星" })).toBeChecked();
    await ent.page.getByLabel(/评价（可选/).fill("意见清楚，按时完成。");
    await ent.page.getByRole("button", { name: "提交评价" }).click();
    await expect(ent.page.getByText("感谢您的评价。")).toBeVisible();
    await expect(ent.page.getByTestId("timeline").getByRole("listitem").last()).toHaveText(
      /已评价（已完成）/,
    );
    await expect(ent.page.getByRole("group", { name: "评分（1–5 星）" })).toHaveCount(0);
    await expectNoSidewaysScroll(ent.page);
    await expectNoSeriousViolations(ent.page, "booking page (review rated)");
    await ent.page.screenshot({ path: `test-results/review-rated-${width}.png`, fullPage: true });
    await ent.context.close();
    await ex.context.close();
  });
}
