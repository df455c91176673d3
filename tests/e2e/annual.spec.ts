import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { expectNoSeriousViolations } from "./axe.ts";
import {
  demo,
  GENERATED_STAFF_PASSWORD,
  login,
  logout,
  RESERVED_STAFF,
  withDb,
} from "./fixtures.ts";
import { completeCourse } from "./learning-helpers.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Issue 17: 年度学法统计. A staff member earns 学时; the admin's figures for his unit match a
// hand count of the database (each person's CreditLedger rows summed here, in the test), at
// phone and desktop width; the 未达标 filter and the XLSX export (title row, frozen header).

const WIDTHS = [360, 1280] as const;
const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** The hand count: active staff of the unit's subtree, and those whose 学时 reach the requirement. */
async function handCount(unitId: number) {
  return withDb(async (db) => {
    const unit = await db
      .selectFrom("OrgUnit")
      .select(["id", "name", "path"])
      .where("id", "=", unitId)
      .executeTakeFirstOrThrow();
    const staff = (
      await db
        .selectFrom("User as u")
        .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
        .select(["u.id", "o.path"])
        .where("u.role", "=", "STAFF")
        .where("u.disabled", "=", false)
        .execute()
    ).filter((u) => u.path.startsWith(unit.path));
    const ledger = await db
      .selectFrom("CreditLedger")
      .select(["userId", "creditHours"])
      .where("year", "=", year)
      .execute();
    const setting = await db
      .selectFrom("Setting")
      .select("value")
      .where("key", "=", "annualCreditHours")
      .executeTakeFirst();
    const required = Number(setting?.value) > 0 ? Number(setting!.value) : 40;
    const hours = new Map<number, number>();
    for (const row of ledger)
      if (row.userId !== null)
        hours.set(row.userId, (hours.get(row.userId) ?? 0) + Number(row.creditHours));
    const met = staff.filter((u) => (hours.get(u.id) ?? 0) >= required).length;
    return { unit, staff: staff.length, met, required, hours };
  });
}

test("the 学时 statistics of a unit match a hand count, at 360 and 1280 px, and export", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const learner = RESERVED_STAFF.annual;
  await login(page, learner, GENERATED_STAFF_PASSWORD);
  await completeCourse(page, "constitution");
  await logout(page);
  const me = await withDb((db) =>
    db
      .selectFrom("User")
      .select(["id", "name", "orgUnitId"])
      .where("username", "=", learner)
      .executeTakeFirstOrThrow(),
  );
  const count = await handCount(me.orgUnitId!);
  const mine = Math.round((count.hours.get(me.id) ?? 0) * 10) / 10;
  expect(mine).toBeGreaterThan(0);

  const admin = demo("admin");
  await login(page, admin.username, admin.password);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.goto(`/manage/annual?unit=${count.unit.id}&year=${year}`);
    await expect(
      page.getByRole("heading", { level: 1, name: `${year} 年度学法统计：${count.unit.name}` }),
    ).toBeVisible();
    await expect(page.locator("#annual-summary")).toContainText(
      `本年度学时要求 ${count.required} 学时。共 ${count.staff} 人，学时达标 ${count.met} 人`,
    );
    const row = page.getByRole("row").filter({ hasText: learner });
    await expect(row).toContainText(`${mine} / ${count.required}`);
    await expectNoSidewaysScroll(page);
    await expectNoSeriousViolations(page, `年度学法统计 at ${width} px`);
    await page.screenshot({ path: `test-results/annual-${width}.png`, fullPage: true });
  }

  // 未达标: chosen in the form, as a user does.
  await page.getByLabel("仅未达标").check();
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByRole("heading", { name: /未达标人员（\d+ 人）/ })).toHaveText(
    `未达标人员（${count.staff - count.met} 人）`,
  );

  // The export downloads: a title row naming unit, year and date, and a frozen header.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "各单位统计（Excel）" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`${year}年度学法统计-.*单位统计\\.xlsx$`));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  expect(String(sheet.getRow(1).getCell(1).value)).toMatch(
    new RegExp(`${count.unit.name} ${year} 年度学法统计.*导出日期 \\d{4}-\\d{2}-\\d{2}`),
  );
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  const totals = sheet.getRow(sheet.rowCount).values as unknown[];
  expect(totals.slice(1, 4)).toEqual([`${count.unit.name}（合计）`, count.staff, count.met]);

  const csv = page.waitForEvent("download");
  await page.getByRole("link", { name: "未达标人员（CSV）" }).click();
  const text = fs.readFileSync((await (await csv).path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.trim().split("\r\n")).toHaveLength(1 + count.staff - count.met);
});

test("bad input and another district answer in Chinese, never a 500", async ({ page }) => {
  const td = demo("manager-td");
  await login(page, td.username, td.password);
  const own = await page.goto("/manage/annual");
  expect(own?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("年度学法统计");
  for (const [query, status, text] of [
    ["year=abc", 400, "年度"],
    ["year=99999", 400, "年度"],
    ["unit=2", 403, "无权访问"],
    ["sort=__proto__", 400, "排序"],
    ["page=-1", 400, "页码"],
  ] as const) {
    const res = await page.goto(`/manage/annual?${query}`);
    expect(res?.status(), query).toBe(status);
    await expect(page.locator("main")).toContainText(text);
  }
  const exp = await page.goto("/manage/annual-export?table=units&format=pdf");
  expect(exp?.status()).toBe(400);
});
