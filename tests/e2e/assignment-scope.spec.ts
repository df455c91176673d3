import { expect, test } from "@playwright/test";
import { demo, login, logout, waitForHydration, withDb } from "./fixtures.ts";

test("a district manager sees none of the people outside his subtree on an assignment that names several subtrees", async ({
  page,
}) => {
  const staff = demo("staff"); // 数据局政策法规科
  const td = demo("manager-td"); // 铁东区
  const tdStaff = await withDb(async (db) => {
    const { path } = await db
      .selectFrom("User as m")
      .innerJoin("OrgUnit as o", "o.id", "m.orgUnitId")
      .select("o.path")
      .where("m.username", "=", td.username)
      .executeTakeFirstOrThrow();
    return db
      .selectFrom("User as u")
      .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
      .select(["u.username", "u.name"])
      .where("u.role", "=", "STAFF")
      .where("u.disabled", "=", false)
      .where("o.path", "like", `${path}%`)
      .orderBy("u.id")
      .limit(1)
      .executeTakeFirstOrThrow();
  });

  const admin = demo("admin");
  await login(page, admin.username, admin.password);
  await page.goto("/manage/assignments/new");
  await waitForHydration(page);
  await page.getByLabel("任务名称").fill("跨区点名任务（e2e）");
  await page.getByLabel(/截止日期/).fill("2099-12-31");
  await page.getByLabel(/数据安全与个人信息保护/).check();
  await page.getByLabel("含下级：鞍山市及下级单位").uncheck();
  await page.getByText("按工号输入").click();
  await page.getByLabel(/指定人员工号/).fill(`${staff.username}\n${tdStaff.username}`);
  await page.getByRole("button", { name: "布置任务" }).click();
  await page.waitForURL(/\/manage\/assignments\/\d+/);
  const url = new URL(page.url()).pathname;
  await logout(page);

  await login(page, td.username, td.password);
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  // Neither the page nor the data shipped with it (loader JSON) names the 数据局 staff member.
  const html = await res!.text();
  expect(html).toContain(tdStaff.username);
  expect(html).not.toContain(staff.name);
  expect(html).not.toMatch(new RegExp(`"${staff.username}"`));
  await expect(page.getByRole("heading", { name: /^铁东区：完成率 0%（0 \/ 1）$/ })).toBeVisible();
});
