import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { login, withDb } from "./fixtures.ts";
import { expectNoSidewaysScroll, shot } from "./layout.ts";

// 政策解读 (issue 20 part B, decision 0023), at 360 and 1280 px: an EXPERT writes a draft, the
// 政策法规科 member 赵培训 (demo "manager") approves it, the demo enterprise subscribed to its
// industry gets the notice, and the public list shows it without login.

const WIDTHS = [360, 1280] as const;
test.describe.configure({ mode: "serial" });

/** Signs out by dropping the session cookie (at 360 px 退出登录 sits inside the 菜单). */
async function signOut(page: Page) {
  await page.context().clearCookies();
}

for (const width of WIDTHS) {
  test(`${width}px: draft → 法规审核 → 已发布; the subscribed enterprise is notified; the public list shows it`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    const title = `E2E 数据分类分级保护解读 ${width}-${Date.now().toString(36)}`;

    // The enterprise subscribes to 数据服务.
    await login(page, "enterprise", "Company@2026");
    await page.goto("/policy/subscriptions");
    await expect(page.getByRole("heading", { level: 1, name: "订阅行业政策" })).toBeVisible();
    await page.getByRole("checkbox", { name: "数据服务" }).check();
    await page.getByRole("button", { name: "保存订阅" }).click();
    await expect(page.getByText("订阅已保存。")).toBeVisible();
    await expectNoSeriousViolations(page, "subscriptions");
    await expectNoSidewaysScroll(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "最新政策解读" })).toBeVisible();
    await signOut(page);

    // The expert writes a draft: an empty form is refused with Chinese messages first.
    await login(page, "expert", "Expert@2026");
    await page.goto("/policy/manage/new");
    await expect(page.getByRole("heading", { level: 1, name: "撰写政策解读" })).toBeVisible();
    await page.getByLabel("条文（条号）").fill("");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page.getByText("请填写标题")).toBeVisible();
    await expect(page.getByText("请填写正文")).toBeVisible();
    await expectNoSeriousViolations(page, "the draft form with errors");
    await expectNoSidewaysScroll(page);
    await page.getByLabel("标题").fill(title);
    await page.getByRole("radio", { name: "法律法规库中的法律法规" }).check();
    await page.getByLabel("法律法规", { exact: true }).selectOption("data-security-law");
    await page.getByLabel("条文（条号）").fill("21");
    await page
      .getByLabel("正文")
      .fill('本条确立了数据分类分级保护制度。\n\n::cite{law="data-security-law" article="21"}');
    await page.getByLabel("要点").fill("国家建立数据分类分级保护制度");
    await page.getByRole("checkbox", { name: "工作人员" }).uncheck();
    await page.getByRole("checkbox", { name: "企业" }).check();
    await page.getByRole("checkbox", { name: /社会公众/ }).check();
    await page.getByRole("checkbox", { name: "数据服务" }).check();
    await page.getByRole("button", { name: "保存草稿" }).dblclick();
    await expect(page.getByText("草稿已保存。")).toBeVisible();
    await expect(page.getByText("状态：草稿")).toBeVisible();
    const drafts = await withDb((db) =>
      db.selectFrom("PolicyDoc").select("id").where("title", "=", title).execute(),
    );
    expect(drafts, "a double click saves one draft").toHaveLength(1);
    const manageUrl = page.url().replace(/\?.*$/, "");
    await page.getByRole("button", { name: "提交法规审核" }).click();
    await expect(page.getByText("已提交法规审核。")).toBeVisible();
    // The author cannot approve his own draft: no review form for him.
    await expect(page.getByRole("button", { name: "审核通过并发布" })).toHaveCount(0);
    await shot(page, testInfo, `policy-submitted-${width}`);
    await signOut(page);

    // Not yet published: the public list does not show it.
    await page.goto("/policy");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);

    // The section member approves.
    await login(page, "manager", "Manager@2026");
    await page.goto(manageUrl);
    await expect(page.getByText("状态：法规审核中")).toBeVisible();
    await expectNoSeriousViolations(page, "the review page");
    await expectNoSidewaysScroll(page);
    await page.getByLabel("审核意见（退回时必填）").fill("同意发布");
    await page.getByRole("button", { name: "审核通过并发布" }).click();
    await expect(page.getByText("已审核通过并发布。")).toBeVisible();
    await expect(page.getByText("状态：已发布")).toBeVisible();
    await page.goBack();
    await expect(page.locator("body")).not.toContainText("Unexpected");
    await signOut(page);

    // The enterprise has the notice.
    await login(page, "enterprise", "Company@2026");
    await page.goto("/notifications");
    await expect(page.getByText(`新的政策解读：${title}`)).toBeVisible();
    await signOut(page);

    // Anonymous: the public list and the interpretation, the article rendered from the library.
    await page.goto("/policy?industry=数据服务");
    await expect(page.getByRole("heading", { level: 1, name: "政策解读" })).toBeVisible();
    await page.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("国家建立数据分类分级保护制度").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "版本记录" })).toBeVisible();
    await expectNoSeriousViolations(page, "a public interpretation");
    await expectNoSidewaysScroll(page);
    await shot(page, testInfo, `policy-public-${width}`);
    await page.goto("/policy?from=2026-02-30");
    await expect(page.locator("body")).toContainText("起始日期不是有效的日期");
  });
}
