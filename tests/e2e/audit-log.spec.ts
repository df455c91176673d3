import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { apiContext, demo, login, withDb } from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Issue 17, part D: the auditor reads the log in Chinese, filters it by 下载文件 and exports the
// filtered rows as CSV (the export itself audited), at phone and desktop width.

const WIDTHS = [360, 1280] as const;

test.beforeAll(async () => {
  // A real FILE_DOWNLOAD row: the expert asks for a file that is not his (refused, audited).
  const api = await apiContext(demo("expert"));
  const res = await api.get("/consult/files/987654", { maxRedirects: 0 });
  expect(res.status()).toBe(404);
  await api.dispose();
});

for (const width of WIDTHS) {
  test(`at ${width} px the auditor filters by 下载文件, reads it in Chinese and exports it`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    const auditor = demo("auditor");
    await login(page, auditor.username, auditor.password);
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "审计日志", level: 1 })).toBeVisible();
    // Choose nothing and submit: every row, newest first.
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page.getByText(/共 \d+ 条记录|超过/)).toBeVisible();

    await page.getByLabel("操作", { exact: true }).selectOption({ label: "下载文件" });
    // A double click submits the same GET twice: the same answer.
    await page.getByRole("button", { name: "筛选" }).dblclick();
    await expect(page).toHaveURL(/action=FILE_DOWNLOAD/);
    const table = page.getByRole("table");
    await expect(table).toBeVisible();
    const first = table.locator("tbody tr").first();
    await expect(first).toContainText("下载文件");
    await expect(first).toContainText("李律师（账号 expert，法律顾问）");
    await expect(first).toContainText("预约文件 编号 987654（已不存在）");
    await expect(first).toContainText("拒绝");
    await expect(table).not.toContainText("FILE_DOWNLOAD");
    await expect(table).not.toContainText("::ffff:");
    await expectNoSidewaysScroll(page);
    await expectNoSeriousViolations(page, `/audit filtered at ${width}px`);
    await page.screenshot({ path: testInfo.outputPath(`audit-${width}.png`), fullPage: true });

    const before = await withDb(async (db) =>
      Number(
        (
          await db
            .selectFrom("AuditLog")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("action", "=", "EXPORT")
            .where("objectType", "=", "auditLog")
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /导出 CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("审计日志.csv");
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("编号,时间（北京时间）,操作人,操作,对象,结果,IP 地址,详情");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain("下载文件");
    expect(lines.join("\n")).not.toContain("FILE_DOWNLOAD");

    // The export is itself in the log, with its filter, readable.
    await expect
      .poll(() =>
        withDb(async (db) =>
          Number(
            (
              await db
                .selectFrom("AuditLog")
                .select((eb) => eb.fn.countAll<number>().as("n"))
                .where("action", "=", "EXPORT")
                .where("objectType", "=", "auditLog")
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      )
      .toBe(before + 1);
    await page.goto("/audit?action=EXPORT&kind=auditLog");
    const exported = page.getByRole("table").locator("tbody tr").first();
    await expect(exported).toContainText("导出数据");
    await expect(exported).toContainText("审计日志");
    await expect(exported).toContainText("下载文件");
    // Back to the filtered page: the filter is still in the form.
    await page.goBack();
    await expect(page.getByLabel("操作", { exact: true })).toHaveValue("FILE_DOWNLOAD");
  });
}

test("an impossible date answers 400 in Chinese; the security summary opens for a chosen range", async ({
  page,
}) => {
  const auditor = demo("auditor");
  await login(page, auditor.username, auditor.password);
  const res = await page.goto("/audit?from=2026-02-30");
  expect(res?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("不是有效的日期");
  await page.goto("/audit/security");
  await expect(page.getByRole("heading", { name: "安全事件汇总", level: 1 })).toBeVisible();
  await page.getByLabel("开始日期").fill("2026-01-01");
  await page.getByLabel("结束日期").fill("2026-01-31");
  await page.getByRole("button", { name: "汇总" }).click();
  await expect(page.getByRole("heading", { name: "2026-01-01 至 2026-01-31" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(32);
  await expectNoSeriousViolations(page, "/audit/security");
});

test("the export is refused to ADMIN, MANAGER and STAFF with 403 (三员分立)", async () => {
  for (const name of ["admin", "manager", "staff"]) {
    const api = await apiContext(demo(name));
    const res = await api.get("/audit/export?action=FILE_DOWNLOAD", { maxRedirects: 0 });
    expect(res.status(), name).toBe(403);
    expect(await res.text()).toContain("无权访问");
    await api.dispose();
  }
});
