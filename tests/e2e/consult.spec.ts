import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { realDocx, realPdf } from "../fixtures/booking/files.ts";
import { demo, login, logout, waitForHydration, withDb } from "./fixtures.ts";
import { freshEnterprise, pickFirstSlot } from "./consult-helpers.ts";

async function noSeriousAxe(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).analyze();
  expect(
    r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    what,
  ).toEqual([]);
}

test.describe.serial("consultation journey (Chromium)", () => {
  const company = freshEnterprise("旅程");
  let bookingUrl = "";

  test("an enterprise registers with its 统一社会信用代码 and books a 法律咨询 with an upload", async ({
    page,
  }) => {
    await page.goto("/register");
    await waitForHydration(page);
    await noSeriousAxe(page, "/register");
    await page.getByLabel("企业名称").fill(company.companyName);
    await page
      .getByLabel("统一社会信用代码")
      .fill(company.uscc.slice(0, 17) + (company.uscc[17] === "0" ? "1" : "0"));
    await page.getByLabel("联系人姓名").fill(company.contactName);
    await page.getByLabel("联系人手机号").fill(company.mobile);
    await page.getByLabel("密码", { exact: true }).fill(company.password);
    await page.getByLabel("确认密码").fill(company.password);
    await page.getByRole("button", { name: "注册" }).click();
    // The browser checks the check digit with the action's schema.
    await expect(page.getByText("统一社会信用代码校验位不正确，请核对")).toBeVisible();
    await page.getByLabel("统一社会信用代码").fill(company.uscc.toLowerCase());
    await page.getByRole("button", { name: "注册" }).click();
    await page.waitForURL("**/consult");
    await expect(page.getByRole("heading", { name: "我的预约" })).toBeVisible();

    await page.getByRole("link", { name: "预约专家服务" }).click();
    await page.getByRole("link", { name: "法律咨询" }).click();
    await page.getByRole("link", { name: "李律师" }).click();
    await pickFirstSlot(page);
    await waitForHydration(page);
    await page.getByRole("button", { name: "确认预约" }).click();
    // Nothing chosen yet: the browser refuses before sending.
    await expect(page.getByLabel("主题")).toHaveAttribute("aria-invalid", "true");
    await noSeriousAxe(page, "booking details with errors");
    await page.getByLabel("主题").fill("设备采购合同审查");
    await page.getByLabel("情况说明").fill("请审查付款和违约条款。");
    await page.getByLabel("咨询方式").selectOption({ label: "线上" });
    await page
      .getByLabel("附件（可选）")
      .setInputFiles({ name: "设备采购合同.pdf", mimeType: "application/pdf", buffer: realPdf() });
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.waitForURL(/\/consult\/bookings\/\d+\?notice=created$/);
    await expect(page.getByText("预约已提交，等待专家确认。")).toBeVisible();
    await expect(page.getByRole("link", { name: "设备采购合同.pdf" })).toBeVisible();
    bookingUrl = new URL(page.url()).pathname;
    const stored = await withDb((db) =>
      db
        .selectFrom("BookingFile as f")
        .innerJoin("Booking as b", "b.id", "f.bookingId")
        .select(["f.size", "f.sha256", "f.format"])
        .where("b.topic", "=", "设备采购合同审查")
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toMatchObject({ size: realPdf().length, format: "pdf" });
  });

  test("the expert confirms, writes an opinion and returns a file", async ({ page }) => {
    const expert = demo("expert");
    await login(page, expert.username, expert.password);
    await page
      .getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "专家工作台" })
      .click();
    await noSeriousAxe(page, "/expert");
    await page.goto(`/expert?tab=pending&q=${encodeURIComponent("设备采购合同审查")}`);
    await page.getByRole("link", { name: "设备采购合同审查", exact: true }).click();
    await waitForHydration(page);
    await page.getByRole("button", { name: "确认预约" }).click();
    await expect(page.getByText("已确认预约。")).toBeVisible();
    await expect(page.getByRole("link", { name: "加入日历（ICS 文件）" })).toBeVisible();
    await page.getByLabel("书面意见").fill("付款条款建议改为验收后 30 日内支付；违约金比例过高。");
    await page.getByLabel(/返还文件/).setInputFiles({
      name: "修改意见.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: realDocx("修改意见"),
    });
    await page.getByRole("button", { name: "提交意见并完成" }).click();
    await expect(page.getByText("已提交意见，服务完成。")).toBeVisible();
    await noSeriousAxe(page, "booking page (expert)");
    await logout(page);
  });

  test("the enterprise downloads the returned file and rates the service; ADMIN sees the expert's average", async ({
    page,
  }) => {
    await login(page, company.uscc, company.password);
    await page.goto(bookingUrl);
    await waitForHydration(page);
    await expect(page.getByText("付款条款建议改为验收后 30 日内支付")).toBeVisible();
    const link = page.getByRole("link", { name: "修改意见.docx" });
    const res = await page.request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toBe(
      `attachment; filename="download.docx"; filename*=UTF-8''${encodeURIComponent("修改意见.docx")}`,
    );
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(Buffer.from(await res.body())).toEqual(realDocx("修改意见"));
    const download = page.waitForEvent("download");
    await link.click();
    expect((await download).suggestedFilename()).toBe("修改意见.docx");
    await page.getByRole("radio", { name: "4 星" }).check();
    await page.getByLabel(/评价（可选/).fill("意见清楚，回复及时。");
    await page.getByRole("button", { name: "提交评价" }).click();
    await expect(page.getByText("感谢您的评价。")).toBeVisible();
    await expect(page.getByText("4 星：意见清楚，回复及时。")).toBeVisible();
    await logout(page);
    const admin = demo("admin");
    await login(page, admin.username, admin.password);
    await page.goto("/admin/experts");
    await expect(page.getByRole("row", { name: /李律师/ })).toContainText("4.00");
    const audit = await withDb((db) =>
      db
        .selectFrom("AuditLog")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action", "=", "FILE_DOWNLOAD")
        .where("result", "=", "SUCCESS")
        .executeTakeFirstOrThrow(),
    );
    expect(Number(audit.n)).toBeGreaterThanOrEqual(1);
  });
});
