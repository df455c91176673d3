import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { apiContext, demo, expectRefused, login, waitForHydration, withDb } from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Decision 0019 (issue 17 follow-up): the admin's unit tree and unit picker hold the top two
// levels; "展开下级单位" loads a unit's children (open=, with or without JavaScript); the
// search by name asks the server and finds units not loaded yet.

const admin = demo("admin");
const unitId = (name: string) =>
  withDb(async (db) => {
    const row = await db
      .selectFrom("OrgUnit")
      .select("id")
      .where("name", "=", name)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });

for (const width of [360, 1280]) {
  test(`at ${width} px the admin's unit tree opens a level at a time and finds a unit by name`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    await login(page, admin.username, admin.password);
    await page.goto("/admin/units");
    await waitForHydration(page);
    const tree = page.getByRole("list", { name: "组织机构" });
    await expect(tree.getByRole("link", { name: "鞍山市数据局", exact: true })).toBeVisible();
    // Not sent: the bureau's sections.
    await expect(tree.getByRole("link", { name: "数据资源科", exact: true })).toHaveCount(0);
    await page.getByRole("link", { name: /展开下级单位（\d+）\s*：鞍山市数据局/ }).click();
    await expect(tree.getByRole("link", { name: "数据资源科", exact: true })).toBeVisible();
    expect(new URL(page.url()).searchParams.get("open")).toMatch(/^\d+$/);
    await expectNoSidewaysScroll(page);
    await expectNoSeriousViolations(page, `/admin/units opened at ${width}px`);
    await page.screenshot({ path: `test-results/unit-tree-lazy-${width}.png`, fullPage: false });

    // A township below a district nobody opened: the server finds it.
    await expect(tree.getByRole("link", { name: "解放街道", exact: true })).toHaveCount(0);
    await page.getByLabel("按名称查找单位").fill("解放街道");
    await expect(page.getByText(/^找到 \d+ 个单位$/)).toBeVisible({ timeout: 15_000 });
    await expect(tree.getByRole("link", { name: "解放街道", exact: true }).first()).toBeVisible();
    await page.getByLabel("按名称查找单位").fill("没有这个单位名");
    await expect(page.getByText("没有名称包含该文字的单位")).toBeVisible({ timeout: 15_000 });
    await expectNoSeriousViolations(page, `/admin/units searched at ${width}px`);
  });
}

test("the admin picks a unit found by the search, opens another, and the tick is kept and posted", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, admin.username, admin.password);
  await page.goto("/manage/assignments/new");
  await waitForHydration(page);
  await page.getByLabel("任务名称").fill("按需展开单位树（e2e）");
  await page.getByLabel(/截止日期/).fill("2099-12-31");
  await page.getByLabel(/数据安全与个人信息保护/).check();
  await page.getByLabel("含下级：鞍山市及下级单位").uncheck();
  const tree = page.getByRole("list", { name: "可选单位" });
  await expect(tree.getByLabel("数据资源科", { exact: true })).toHaveCount(0);
  await page.getByLabel("按名称查找单位").fill("数据资源科");
  await tree.getByLabel("数据资源科", { exact: true }).check({ timeout: 15_000 });
  await page.getByLabel("按名称查找单位").fill("");
  await expect(page.getByText("已选：数据资源科")).toBeVisible();
  // Open another unit: the page's data grows, the ticked box stays ticked.
  await page.getByRole("link", { name: /展开下级单位（\d+）\s*：鞍山市司法局/ }).click();
  await expect(tree.getByText("法规科").first()).toBeVisible();
  await expect(tree.getByLabel("数据资源科", { exact: true })).toBeChecked();
  await expectNoSeriousViolations(page, "/manage/assignments/new (admin, lazy tree)");
  await page.getByRole("button", { name: "布置任务" }).click();
  await page.waitForURL(/\/manage\/assignments\/\d+$/);
  await expect(page.getByRole("heading", { name: /按需展开单位树/ })).toBeVisible();
});

test("without JavaScript open= opens a unit; hostile open= and searches are refused in Chinese", async () => {
  const api = await apiContext(admin);
  const bureau = await unitId("鞍山市数据局");
  expect(await (await api.get("/admin/units")).text()).not.toContain("数据资源科");
  const opened = await api.get(`/admin/units?open=${bureau}`);
  expect(opened.status()).toBe(200);
  expect(await opened.text()).toContain("数据资源科");
  for (const bad of ["__proto__", "1,,2", "-3", "99999999999", "9".repeat(3000)])
    await expectRefused(await api.get(`/admin/units?open=${encodeURIComponent(bad)}`), 400);
  await expectRefused(await api.get("/manage/assignments/new?open=abc"), 400, "展开的单位无效");
  await expectRefused(await api.get("/manage/unit-search"), 400, "请输入单位名称");
  await expectRefused(await api.get(`/manage/unit-search?q=${"长".repeat(41)}`), 400, /最多 40/);
  await expectRefused(await api.get("/manage/unit-search?q=a&__proto__=1"), 400, "查找条件无效");
  const found = await api.get(`/manage/unit-search?q=${encodeURIComponent("数据资源科")}`);
  expect(await found.json()).toMatchObject({ error: null, matches: 1 });
  await api.dispose();
  // A district manager's search stays in his district.
  const td = await apiContext(demo("manager-td"));
  const outside = await td.get(`/manage/unit-search?q=${encodeURIComponent("数据资源科")}`);
  expect(await outside.json()).toMatchObject({ units: [], matches: 0 });
  await td.dispose();
  const staff = await apiContext(demo("staff"));
  expect((await staff.get("/manage/unit-search?q=区")).status()).toBe(403);
  await staff.dispose();
});
