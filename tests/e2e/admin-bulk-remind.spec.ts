import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { apiContext, demo, login, waitForHydration, withDb } from "./fixtures.ts";
import { expectNoSidewaysScroll, shot } from "./layout.ts";

// Issue 17, part C: reminders once per person per 24 h (the page says who was skipped and
// why), bulk actions on /admin/users with a confirmation, the admin's grouped navigation at
// phone and desktop width. Screenshots go to test-results/.

test("a second reminder within 24 h skips everyone and says so; one person is reminded alone", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const manager = demo("manager");
  await login(page, manager.username, manager.password);
  await page.goto("/manage/assignments/new");
  await page.getByLabel("任务名称").fill("提醒测试（e2e）");
  await page.getByLabel(/截止日期/).fill("2099-12-31");
  await page.getByLabel(/数据安全与个人信息保护/).check();
  await page.getByRole("button", { name: "布置任务" }).click();
  await page.waitForURL(/\/manage\/assignments\/\d+/);
  await waitForHydration(page);

  const remindAll = page.getByRole("button", { name: /^向未完成的 \d+ 人发送提醒$/ });
  const behind = Number(/(\d+)/.exec((await remindAll.textContent()) ?? "")![1]);
  expect(behind).toBeGreaterThan(1);
  await remindAll.click();
  await expect(page.getByRole("alert")).toContainText("24 小时内已提醒的人员会被跳过");
  // Asked first; confirmed, it reminds everyone behind.
  await page.getByRole("button", { name: /^确认向未完成的/ }).click();
  const result = page.getByTestId("remind-result");
  await expect(result).toContainText(`已向 ${behind} 人发送站内提醒`);
  await expect(result).toContainText("已提醒：");
  // Again at once: nobody is reminded, everyone is named as skipped with the reason.
  await page.getByRole("button", { name: /^向未完成的 \d+ 人发送提醒$/ }).click();
  await page.getByRole("button", { name: /^确认向未完成的/ }).click();
  await expect(result).toContainText("本次没有发送提醒");
  await expect(result).toContainText(`跳过 ${behind} 人：24 小时内已提醒`);
  await expect(result.getByRole("listitem").first()).toContainText("24 小时内已提醒，上次提醒");
  await expectNoSeriousViolations(page, "assignment page after reminders");
  await shot(page, testInfo, "remind-skipped-1280");

  // A unit's person list shows the time of each last reminder; one person reminded alone is
  // skipped too, and said so.
  const assignmentUrl = new URL(page.url()).pathname;
  const unitLink = page.getByRole("rowheader").getByRole("link").first();
  await unitLink.click();
  await page.waitForURL(/unit=\d+/);
  await waitForHydration(page);
  const people = page.getByRole("table", { name: "人员完成情况" });
  await expect(
    people.getByRole("cell", { name: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/ }).first(),
  ).toBeVisible();
  await people.getByRole("button", { name: /^提醒/ }).first().click();
  await expect(result).toContainText("跳过 1 人：24 小时内已提醒");
  expect(assignmentUrl).toMatch(/^\/manage\/assignments\/\d+$/);

  const notices = await withDb((db) =>
    db
      .selectFrom("Notification")
      .where("title", "=", "学习任务提醒：提醒测试（e2e）")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  );
  expect(Number(notices.n)).toBe(behind);

  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoSidewaysScroll(page);
  // axe on this part's sections (the unit-rates table above has its own owner and spec).
  const scoped = await new AxeBuilder({ page })
    .include('[data-testid="remind-result"]')
    .include('section[aria-labelledby="people-title"]')
    .include('section[aria-labelledby="actions-title"]')
    .analyze();
  expect(
    scoped.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
  ).toEqual([]);
  await shot(page, testInfo, "remind-skipped-360");
});

test("bulk disable of two users asks first, names them, and refuses nothing chosen and oneself", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = demo("admin");
  const stamp = Date.now().toString(36);
  const unit = await withDb((db) =>
    db.selectFrom("OrgUnit").select("code").where("code", "=", "AS-SJJ").executeTakeFirstOrThrow(),
  );
  const api = await apiContext(admin);
  for (const [i, name] of ["批量甲", "批量乙"].entries()) {
    const res = await api.post("/admin/users/new", {
      form: {
        intent: "create",
        username: `bulk${stamp}${i}`,
        name,
        role: "STAFF",
        orgUnitCode: unit.code,
        mobile: "",
      },
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(400);
  }
  await api.dispose();

  await login(page, admin.username, admin.password);
  await page.goto(`/admin/users?q=bulk${stamp}`);
  await waitForHydration(page);
  const table = page.getByRole("table", { name: "用户列表" });
  await expect(table.getByRole("row")).toHaveCount(3);

  // Nothing chosen: told so, nothing changes.
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "停用" });
  await page.getByRole("button", { name: "下一步：确认" }).click();
  await expect(page.getByText("请先勾选要操作的用户")).toBeVisible();

  await page.getByLabel("全选本页").check();
  await expect(page.getByText("已选 2 人（本页）")).toBeVisible();
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "停用" });
  await page.getByRole("button", { name: "下一步：确认" }).click();
  const confirm = page.getByTestId("bulk-confirm");
  await expect(confirm.getByRole("heading")).toHaveText("确认停用以下 2 个用户？");
  await expect(confirm).toContainText(`批量甲（bulk${stamp}0）`);
  await expect(confirm).toContainText(`批量乙（bulk${stamp}1）`);
  await expectNoSeriousViolations(page, "bulk confirmation");
  await shot(page, testInfo, "bulk-confirm");
  await confirm.getByRole("button", { name: "确认停用（2 人）" }).click();
  await expect(page.getByRole("status")).toContainText("已停用 2 个用户");
  await expect(table.getByRole("cell", { name: "已停用" })).toHaveCount(2);
  for (const i of [0, 1]) {
    const row = await withDb((db) =>
      db
        .selectFrom("User")
        .select("disabled")
        .where("username", "=", `bulk${stamp}${i}`)
        .executeTakeFirstOrThrow(),
    );
    expect(row.disabled).toBe(true);
  }

  // Back in history is harmless (the confirmation is not sent again).
  await page.goBack();
  await waitForHydration(page);

  // Oneself among the chosen: refused, with the reason.
  await page.goto(`/admin/users?q=${admin.username}`);
  await waitForHydration(page);
  await page.getByLabel(new RegExp(`选择 .*（${admin.username}）（本人）`)).check();
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "停用" });
  await page.getByRole("button", { name: "下一步：确认" }).click();
  await expect(page.getByText("不能停用自己的账号")).toBeVisible();

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/admin/users?q=bulk${stamp}`);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page, "/admin/users at 360 px");
});

test("the demo seed's assignment shows the reminders already sent (上次提醒) to the demo manager", async ({
  page,
}) => {
  const { id, unitId } = await withDb(async (db) => ({
    id: (
      await db
        .selectFrom("Assignment")
        .select("id")
        .where("title", "=", "【示例】网络数据安全管理条例专题学习")
        .executeTakeFirstOrThrow()
    ).id,
    unitId: (
      await db
        .selectFrom("OrgUnit")
        .select("id")
        .where("code", "=", "AS-SJJ-K04")
        .executeTakeFirstOrThrow()
    ).id,
  }));
  const manager = demo("manager");
  await login(page, manager.username, manager.password);
  await page.goto(`/manage/assignments/${id}?unit=${unitId}`);
  const last = page.locator('td[data-label="上次提醒"]');
  await expect(last).toHaveCount(5);
  await expect(last.filter({ hasText: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/ })).toHaveCount(3);
  await expect(last.filter({ hasText: "未提醒" })).toHaveCount(2);
});

for (const width of [360, 1280] as const) {
  test(`the admin's navigation is grouped at ${width} px and works by keyboard`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    const admin = demo("admin");
    await login(page, admin.username, admin.password);
    const nav = page.getByRole("navigation", { name: "主导航" });
    if (width === 360) {
      await page.getByText("菜单", { exact: true }).click();
      for (const group of ["人员与机构", "课程与考试", "预约服务", "系统"])
        await expect(nav.getByRole("group", { name: group })).toBeVisible();
      await expect(
        nav.getByRole("group", { name: "预约服务" }).getByRole("link", { name: "预约管理" }),
      ).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectNoSeriousViolations(page, "phone menu");
      await shot(page, testInfo, "nav-360");
      await nav.getByRole("link", { name: "用户管理" }).click();
      await expect(page).toHaveURL("/admin/users");
      return;
    }
    const users = nav.getByRole("link", { name: "用户管理" });
    await expect(users).toBeHidden();
    // By keyboard: focus the group, Enter opens it, Escape closes it.
    const group = nav.locator("summary", { hasText: "人员与机构" });
    await group.focus();
    await page.keyboard.press("Enter");
    await expect(users).toBeVisible();
    await expectNoSeriousViolations(page, "desktop menu open");
    await shot(page, testInfo, "nav-1280");
    await page.keyboard.press("Escape");
    await expect(users).toBeHidden();
    // One group open at a time.
    await nav.locator("summary", { hasText: "人员与机构" }).click();
    await nav.locator("summary", { hasText: "预约服务" }).click();
    await expect(users).toBeHidden();
    await expect(nav.getByRole("link", { name: "预约管理" })).toBeVisible();
    await nav.getByRole("link", { name: "预约管理" }).click();
    await expect(page).toHaveURL("/admin/bookings");
    // The page's group is marked; the menu closed on the way.
    await expect(nav.getByRole("link", { name: "预约管理" })).toBeHidden();
    await expect(nav.locator("summary", { hasText: "预约服务" })).toHaveClass(/font-semibold/);
  });
}

test("hostile input to the bulk actions, the reset download and a reminder: 4xx in Chinese, nothing written", async () => {
  const admin = await apiContext(demo("admin"));
  const bad: Record<string, string>[] = [
    { intent: "bulk-apply", bulkAction: "disable", userId: "__proto__" },
    { intent: "bulk-apply", bulkAction: "toString", userId: "2" },
    { intent: "bulk-apply", bulkAction: "disable", userId: "99999999999999999999" },
    { intent: "bulk-preview", bulkAction: "move", userId: "2", orgUnitCode: "x".repeat(5000) },
    { intent: "constructor", bulkAction: "enable", userId: "2" },
  ];
  for (const form of bad) {
    const res = await admin.post("/admin/users?index", { form, maxRedirects: 0 });
    expect(res.status(), JSON.stringify(form).slice(0, 80)).toBe(400);
    expect(await res.text()).toMatch(/[\u4e00-\u9fff]/);
  }
  // The reset download: a GET or an unknown id goes back to the list, never a file.
  const get = await admin.get("/admin/users/passwords", { maxRedirects: 0 });
  expect(get.status()).toBe(302);
  const unknown = await admin.post("/admin/users/passwords", {
    form: { reset: "A".repeat(22) },
    maxRedirects: 0,
  });
  expect(unknown.status()).toBe(302);
  const proto = await admin.post("/admin/users/passwords", {
    form: { reset: "__proto__" },
    maxRedirects: 0,
  });
  expect(proto.status()).toBe(302);
  await admin.dispose();

  const manager = await apiContext(demo("manager"));
  const assignment = await withDb((db) =>
    db.selectFrom("Assignment").select("id").orderBy("id").executeTakeFirst(),
  );
  if (assignment) {
    const forms: Record<string, string>[] = [
      { intent: "remind-one", userId: "__proto__" },
      { intent: "remind-one", userId: "1e99" },
      { intent: "remind-one", userId: "2000000000" },
      { intent: "remind", extra: "x" },
    ];
    for (const form of forms) {
      const res = await manager.post(`/manage/assignments/${assignment.id}`, {
        form,
        maxRedirects: 0,
      });
      expect(res.status(), JSON.stringify(form)).toBe(400);
      expect(await res.text()).toMatch(/[\u4e00-\u9fff]/);
    }
  }
  await manager.dispose();
});
