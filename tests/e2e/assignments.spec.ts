import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { demo, login, logout } from "./fixtures.ts";
import { completeCourse } from "./learning-helpers.ts";

test("a manager assigns a course, a staff member completes it, the rate changes at once and the export downloads", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const manager = demo("manager");
  const staff = demo("staff");

  await login(page, manager.username, manager.password);
  await page.goto("/manage/assignments/new");
  await page.getByLabel("任务名称").fill("数据安全必修（e2e）");
  await page.getByLabel(/截止日期/).fill("2099-12-31");
  await page.getByLabel(/数据安全与个人信息保护/).check();
  await page.getByRole("button", { name: "布置任务" }).click();
  await page.waitForURL(/\/manage\/assignments\/\d+/);
  const assignmentUrl = new URL(page.url()).pathname;
  const heading = page.getByRole("heading", { name: /完成率 [\d.]+%（\d+ \/ \d+）/ });
  const before = /（(\d+) \/ (\d+)）/.exec((await heading.textContent()) ?? "")!;
  const [doneBefore, assigned] = [Number(before[1]), Number(before[2])];
  expect(assigned).toBeGreaterThan(1);
  await logout(page);

  // The staff member sees the assignment first in 我的学习, with its due date.
  await login(page, staff.username, staff.password);
  await page.goto("/learn");
  const assignedSection = page.getByRole("region", { name: "必修学习任务" });
  await expect(assignedSection).toContainText("数据安全与个人信息保护");
  await expect(assignedSection).toContainText("截止 2099-12-31");
  await completeCourse(page, "data-security-pipl");
  await page.goto("/learn");
  await expect(assignedSection).toContainText("已完成");
  await logout(page);

  // The manager's rate includes the completion immediately.
  await login(page, manager.username, manager.password);
  await page.goto(assignmentUrl);
  await expect(
    page.getByRole("heading", { name: new RegExp(`（${doneBefore + 1} / ${assigned}）`) }),
  ).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出人员明细 CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/人员明细\.csv$/);
  const text = fs.readFileSync(await file.path(), "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain("工号,姓名,单位");
  expect(text).toMatch(new RegExp(`staff,${staff.name},.*,1,1,已完成`));

  const xlsx = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出单位汇总 Excel" }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/单位汇总\.xlsx$/);

  // The year overview filtered to this assignment (and to its course) counts the completion.
  await page.goto("/manage/overview?year=2099");
  await page.getByLabel("学习任务", { exact: true }).selectOption({ label: "数据安全必修（e2e）" });
  await page.getByLabel("课程", { exact: true }).selectOption({ label: "数据安全与个人信息保护" });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(
    page.getByText(
      new RegExp(`所选学习任务 1 项，应学 ${assigned} 人次，已完成 ${doneBefore + 1} 人次`),
    ),
  ).toBeVisible();
});

test("a district manager cannot open another district's unit or person", async ({ page }) => {
  const td = demo("manager-td");
  await login(page, td.username, td.password);
  const res = await page.goto("/manage/overview?unit=2");
  expect(res?.status()).toBe(403);
  await expect(page.getByText("无权访问")).toBeVisible();
  const staffPage = await page.goto("/manage/people/5");
  expect([403, 404]).toContain(staffPage?.status());
});
