import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import {
  apiContext,
  demo,
  expectRefused,
  login,
  submitLogin,
  waitForHydration,
  withDb,
} from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Issue 17 (part A): a manager assigns a course by picking units in the tree and a person by
// name; the person is told in 通知. Also without JavaScript, and the search endpoint's limits.

const manager = demo("manager");
const staff = demo("staff");

for (const width of [360, 1280]) {
  test(`at ${width} px a manager picks two units in the tree and one person by name; the person sees the notice`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const title = `选择器任务 ${width}（e2e）`;
    await login(page, manager.username, manager.password);
    await page.goto("/manage/assignments/new");
    await waitForHydration(page);
    await page.getByLabel("任务名称").fill(title);
    await page.getByLabel(/截止日期/).fill("2099-12-31");
    await page.getByLabel(/数据安全与个人信息保护/).check();

    // Nothing chosen (the manager's own subtree starts ticked): the server says so.
    await page.getByLabel("含下级：鞍山市数据局及下级单位").uncheck();
    await page.getByRole("button", { name: "布置任务" }).click();
    await expect(page.getByText("请至少选择一个单位或一名人员")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/manage/assignments/new");

    // Unit one through the search box, unit two in the tree.
    const tree = page.getByRole("list", { name: "可选单位" });
    await page.getByLabel("按名称查找单位").fill("数据资源");
    await expect(page.getByText("找到 1 个单位")).toBeVisible();
    await expect(tree.getByLabel("办公室", { exact: true })).toBeHidden();
    await tree.getByLabel("数据资源科", { exact: true }).check();
    await page.getByLabel("按名称查找单位").fill("");
    await tree.getByLabel("办公室", { exact: true }).check();
    await expect(page.getByText("已选：办公室、数据资源科")).toBeVisible();

    // One person by name: too short first, then the full name; added as a removable chip.
    const search = page.getByLabel("查找人员（姓名、工号或手机号）");
    await search.fill("孙");
    await expect(page.getByText("请至少输入 2 个字")).toBeVisible();
    await search.fill(staff.name);
    await page.getByRole("button", { name: `添加 ${staff.name}（${staff.username}）` }).click();
    const chips = page.getByRole("list", { name: "已选人员" });
    await expect(chips).toContainText(`${staff.name}（${staff.username}）`);
    // Removed and added again: one chip.
    await chips.getByRole("button", { name: `移除 ${staff.name}` }).click();
    await expect(chips).toBeHidden();
    await page.getByRole("button", { name: `添加 ${staff.name}（${staff.username}）` }).click();
    await expect(chips.getByRole("listitem")).toHaveCount(1);

    await expectNoSidewaysScroll(page);
    await expectNoSeriousViolations(page, `assignment pickers at ${width}px`);
    await page.screenshot({ path: testInfo.outputPath(`pickers-${width}.png`), fullPage: true });

    await page.getByRole("button", { name: "布置任务" }).click();
    await page.waitForURL(/\/manage\/assignments\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const targets = await withDb((db) =>
      db
        .selectFrom("AssignmentTarget as t")
        .leftJoin("OrgUnit as o", "o.id", "t.orgUnitId")
        .leftJoin("User as u", "u.id", "t.userId")
        .select(["t.kind", "o.name as unit", "u.username"])
        .where("t.assignmentId", "=", id)
        .orderBy("t.id")
        .execute(),
    );
    expect(targets).toEqual([
      { kind: "UNIT", unit: "办公室", username: null },
      { kind: "UNIT", unit: "数据资源科", username: null },
      { kind: "USER", unit: null, username: staff.username },
    ]);
    // A fresh session (at 360 px 退出登录 sits in the menu).
    await page.context().clearCookies();
    await login(page, staff.username, staff.password);
    await page.goto("/notifications");
    await expect(page.getByText(`新的学习任务：${title}`)).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the tree's checkboxes and the 工号 box post the same form", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, manager.username, manager.password);
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto("/manage/assignments/new");
    await page.getByLabel("任务名称").fill("无脚本选择（e2e）");
    await page.getByLabel(/截止日期/).fill("2099-12-31");
    await page.getByLabel(/数据安全与个人信息保护/).check();
    await page.getByLabel("含下级：鞍山市数据局及下级单位").uncheck();
    // The tree's top <details> is open; the others open natively (summary) without a script.
    await page.getByLabel("政务服务科", { exact: true }).check();
    await page.getByLabel(/指定人员工号/).fill(staff.username);
    await page.getByRole("button", { name: "布置任务" }).click();
    await page.waitForURL(/\/manage\/assignments\/\d+$/);
    await expect(page.getByText("政务服务科").first()).toBeVisible();
  });
});

test("the form refuses a unit outside the manager's subtree (403) and a forged id (400)", async () => {
  const api = await apiContext(demo("manager-td"));
  const [outside, course] = await withDb(async (db) => [
    (
      await db
        .selectFrom("OrgUnit")
        .select("id")
        .where("code", "=", "AS-SJJ")
        .executeTakeFirstOrThrow()
    ).id,
    (
      await db
        .selectFrom("Course")
        .select("id")
        .where("slug", "=", "data-security-pipl")
        .executeTakeFirstOrThrow()
    ).id,
  ]);
  const form = { title: "越权（e2e）", dueDate: "2099-12-31", courseId: String(course) };
  const post = (more: Record<string, string>) =>
    api.post("/manage/assignments/new", { form: { ...form, ...more }, maxRedirects: 0 });
  await expectRefused(await post({ subtreeId: String(outside) }), 403, "只能向本单位及下级单位");
  await expectRefused(await post({ unitId: "2000000000" }), 400, "所选单位不存在");
  await expectRefused(await post({ unitId: "__proto__" }), 400, "所选单位无效");
  await expectRefused(await post({}), 400, "请至少选择一个单位或一名人员");
  await api.dispose();
});

test("people search answers within the manager's subtree only, with a minimum length", async () => {
  const td = await apiContext(demo("manager-td"));
  const found = await td.get(`/manage/people-search?q=${encodeURIComponent(staff.name)}`);
  expect(found.status()).toBe(200);
  expect(await found.json()).toMatchObject({ people: [], more: false });
  await expectRefused(await td.get("/manage/people-search?q=孙"), 400, "请至少输入 2 个字");
  await expectRefused(await td.get(`/manage/people-search?q=ab&page=99999`), 400);
  await expectRefused(await td.get("/manage/people-search"), 400);
  await td.dispose();
  const own = await apiContext(manager);
  const mine = await own.get(`/manage/people-search?q=${encodeURIComponent(staff.name)}`);
  expect((await mine.json()) as unknown).toMatchObject({
    people: [{ name: staff.name, username: staff.username }],
  });
  await own.dispose();
  const learner = await apiContext(staff);
  expect((await learner.get("/manage/people-search?q=ab")).status()).toBe(403);
  await learner.dispose();
});

test("a manager reads his own part of the org tree with staff counts", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await login(page, manager.username, manager.password);
  await page.goto("/manage/units");
  await expect(page.getByRole("heading", { name: "组织机构：鞍山市数据局" })).toBeVisible();
  const tree = page.getByRole("list", { name: "组织机构" });
  await expect(tree.getByRole("link", { name: "政策法规科" })).toBeVisible();
  await expect(tree.getByRole("link", { name: "铁东区" })).toHaveCount(0);
  await expect(tree).toContainText(/本单位 \d+ 人，合计 \d+ 人/);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page, "/manage/units at 360px");
});
