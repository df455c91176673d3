import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demo, login, loginWithoutScript, ONE_PER_ROLE } from "./fixtures.ts";
import { shot } from "./layout.ts";

// Issue 16: every role's home is a to-do list, at phone (360 px) and desktop (1280 px) width;
// the catalogue's cards and filters; the staff's bottom tab bar on phones. Screenshots are kept
// as test artifacts (test-results/, not committed).

const WIDTHS = [360, 1280] as const;

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target).join(", ")}`);
  expect(serious, `axe violations on ${what}`).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
}

/** Beijing date `days` from today, as the assignment form takes it. */
function beijingDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every visible link and button inside `scope` is at least 44 px high. */
async function expectTapTargets(page: Page, selector: string) {
  const small = await page.locator(selector).evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({
        text: (e.textContent ?? "").trim().slice(0, 20),
        h: e.getBoundingClientRect().height,
      }))
      .filter((r) => r.h < 44),
  );
  expect(small, `tap targets under 44 px in ${selector}`).toEqual([]);
}

const HOME_SECTIONS: Record<string, string[]> = {
  STAFF: ["待完成的必修课程", /年学时$/.source, /年度学法考试$/.source],
  MANAGER: ["完成率最低的下级单位", "即将到期的学习任务", /年度学法考试参考情况$/.source],
  ENTERPRISE: ["下一次预约", "我的预约"],
  EXPERT: ["待办", "今日日程"],
  ADMIN: ["待办", "系统状态"],
  AUDITOR: ["近 7 天安全事件"],
};

test.describe("role homes as to-do lists", () => {
  const due = beijingDate(7);

  test("a manager's assignment due in a week appears on his home and on the staff home", async ({
    page,
  }) => {
    const manager = demo("manager");
    await login(page, manager.username, manager.password);
    await page.goto("/manage/assignments/new");
    await page.getByLabel("任务名称").fill("首页待办测试（e2e）");
    await page.getByLabel(/截止日期/).fill(due);
    await page.getByLabel(/行政许可法与审批服务实务/).check();
    await page.getByRole("button", { name: "布置任务" }).click();
    await page.waitForURL(/\/manage\/assignments\/\d+/);
    await page.goto("/");
    const soon = page.getByRole("region", { name: "即将到期的学习任务" });
    await expect(soon.getByRole("link", { name: /首页待办测试（e2e）/ })).toContainText(
      "还剩 7 天",
    );
  });

  for (const width of WIDTHS) {
    for (const account of ONE_PER_ROLE) {
      test(`the ${account.role} home at ${width} px lists its to-dos as links, passes axe`, async ({
        page,
      }, testInfo) => {
        test.setTimeout(90_000);
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await login(page, account.username, account.password);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${account.name}`);
        for (const name of HOME_SECTIONS[account.role] ?? []) {
          await expect(
            page.getByRole("heading", { level: 2, name: new RegExp(name) }),
          ).toBeVisible();
        }
        if (account.role === "STAFF") {
          const tasks = page.getByRole("region", { name: "待完成的必修课程" });
          const task = tasks.getByRole("link", { name: /行政许可法与审批服务实务/ });
          await expect(task).toContainText("还剩 7 天");
          await expect(task).toHaveAttribute("href", "/learn/courses/administrative-licensing");
          await expect(
            page.getByRole("img", { name: /^已获 [\d.]+ \/ 要求 \d+ 学时$/ }),
          ).toBeVisible();
          await expect(page.getByRole("link", { name: /错题本中的题目/ })).toHaveAttribute(
            "href",
            "/learn/wrong-answers",
          );
          await expect(
            page.getByRole("link", { name: /进入考试|继续作答|查看考试记录/ }),
          ).toBeVisible();
        }
        if (account.role === "ENTERPRISE") {
          await expect(page.getByRole("link", { name: "预约专家" }).last()).toBeVisible();
        }
        if (account.role === "ADMIN") {
          const health = page.getByRole("region", { name: "系统状态" });
          await expect(health).toContainText("可读写");
          await expect(health).toContainText("数据目录可用空间");
          await expect(health).toContainText("最近一次备份");
        }
        if (account.role === "AUDITOR") {
          const security = page.getByRole("region", { name: "近 7 天安全事件" });
          await expect(security.getByRole("img", { name: /^每日安全事件/ })).toBeVisible();
          await expect(security.getByRole("link", { name: /登录失败/ })).toBeVisible();
        }
        if (width === 360) {
          // The phone header is one short row, not the 185 px of before.
          const header = await page.getByRole("banner").boundingBox();
          expect(header!.height).toBeLessThan(80);
          await expectTapTargets(page, "main section a, header a, header summary");
          const tabs = page.getByRole("navigation", { name: "底部导航" });
          if (account.role === "STAFF") {
            await expect(tabs.getByRole("link")).toHaveText(
              ["首页", "学习", "考试", "法规", "我的"].map((t) => new RegExp(t)),
            );
            await expect(tabs.getByRole("link", { name: /首页/ })).toHaveAttribute(
              "aria-current",
              "page",
            );
            await expectTapTargets(page, "nav[aria-label='底部导航'] a");
          } else {
            await expect(tabs).toHaveCount(0);
          }
        } else {
          await expect(page.getByRole("navigation", { name: "底部导航" })).toBeHidden();
        }
        await shot(page, testInfo, `home-${account.role.toLowerCase()}-${width}`);
        await expectNoSeriousViolations(page, `the ${account.role} home at ${width} px`);
      });
    }
  }

  test("a home's to-do links navigate on the client (one delegated handler, no <Link> per item)", async ({
    page,
  }) => {
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    // A full document load would drop this marker; a client navigation keeps the window.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page
      .getByRole("region", { name: /年学时$/ })
      .getByRole("link", { name: /错题本中的题目/ })
      .click();
    await expect(page).toHaveURL(/\/learn\/wrong-answers$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.goBack();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 2));
    await page
      .getByRole("region", { name: "讲座与案例研讨" })
      .getByRole("link", { name: "全部活动" })
      .click();
    await expect(page).toHaveURL(/\/events$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);
  });

  test("the phone menu (a details element, no script needed) holds the main navigation and the account links, and closes after a page change, Escape or a tap outside", async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    await page.getByText("菜单", { exact: true }).click();
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "课程中心" })).toBeVisible();
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    // With JavaScript the menu closes once it has done its job: going to a page, Escape (focus
    // back on 菜单), a tap outside it.
    const menu = page.locator("details", { has: page.getByText("菜单", { exact: true }) });
    await nav.getByRole("link", { name: "课程中心" }).click();
    await expect(page).toHaveURL(/\/learn\/courses$/);
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(nav.getByRole("link", { name: "课程中心" })).toBeHidden();
    await page.getByText("菜单", { exact: true }).click();
    await expect(menu).toHaveAttribute("open", "");
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(page.getByText("菜单", { exact: true })).toBeFocused();
    await page.getByText("菜单", { exact: true }).click();
    // The open menu is 16rem wide at the right edge: a tap at the left of the page is outside it.
    await page.mouse.click(20, 300);
    await expect(menu).not.toHaveAttribute("open", "");
    await context.close();
  });

  // The manager's twelve items in groups (任务与统计 / 活动 / 个人学习), as the admin's are.
  for (const width of WIDTHS) {
    test(`the manager's menu is grouped at ${width} px: labelled lists on phones, drop-downs by keyboard on desktop`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      const manager = demo("manager");
      await login(page, manager.username, manager.password);
      const nav = page.getByRole("navigation", { name: "主导航" });
      const annual = nav.getByRole("link", { name: "年度学法统计" });
      if (width === 360) {
        await page.getByText("菜单", { exact: true }).click();
        for (const group of ["任务与统计", "活动", "个人学习"])
          await expect(nav.getByRole("group", { name: group })).toBeVisible();
        await expect(
          nav.getByRole("group", { name: "个人学习" }).getByRole("link", { name: "课程中心" }),
        ).toBeVisible();
        await expect(nav.getByRole("link", { name: "组织机构" })).toBeVisible();
        await shot(page, testInfo, "nav-manager-360");
        await expectNoSeriousViolations(page, "the manager's phone menu");
        await annual.click();
      } else {
        await expect(annual).toBeHidden();
        await nav.locator("summary", { hasText: "任务与统计" }).focus();
        await page.keyboard.press("Enter");
        await expect(annual).toBeVisible();
        await shot(page, testInfo, "nav-manager-1280");
        await expectNoSeriousViolations(page, "the manager's desktop menu, open");
        await page.keyboard.press("Escape");
        await expect(annual).toBeHidden();
        await page.keyboard.press("Enter");
        await annual.focus();
        await page.keyboard.press("Enter");
      }
      await expect(page).toHaveURL(/\/manage\/annual/);
      await expect(page.getByRole("heading", { level: 1, name: /年度学法统计/ })).toBeVisible();
      // On a phone the 菜单 closed with the page change: open it again to see the current item.
      if (width === 360) await page.getByText("菜单", { exact: true }).click();
      await expect(nav.locator('[aria-current="page"]')).toHaveText(["年度学法统计"]);
    });
  }
});

test.describe("catalogue cards", () => {
  for (const width of WIDTHS) {
    test(`at ${width} px the cards show status, 学时, 必修 and progress; axe passes`, async ({
      page,
    }, testInfo) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      const staff = demo("staff");
      await login(page, staff.username, staff.password);
      await page.goto("/learn/courses");
      const card = page
        .getByTestId("course-card")
        .filter({ has: page.getByRole("link", { name: /行政许可法与审批服务实务/ }) });
      await expect(card).toContainText("未开始");
      await expect(card).toContainText(/必修 · \d{4}-\d{2}-\d{2} 截止/);
      await expect(card).toContainText("3 学时");
      await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
      if (width === 360) {
        const tabs = page.getByRole("navigation", { name: "底部导航" });
        await expect(tabs.getByRole("link", { name: /学习/ })).toHaveAttribute(
          "aria-current",
          "page",
        );
      }
      await shot(page, testInfo, `catalogue-${width}`);
      await expectNoSeriousViolations(page, `/learn/courses at ${width} px`);
    });
  }

  test("a card's title link navigates on the client (one delegated handler, no <Link> per card)", async ({
    page,
  }) => {
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    await page.goto("/learn/courses");
    await page.waitForLoadState("networkidle");
    // A full document load would drop this marker; a client navigation keeps the window.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole("link", { name: /行政许可法与审批服务实务/ }).click();
    await expect(page).toHaveURL(/\/learn\/courses\/administrative-licensing$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("行政许可法与审批服务实务");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  test("with JavaScript a search re-renders the cards on the client (the cards' HTML follows the data)", async ({
    page,
  }) => {
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    await page.goto("/learn/courses");
    await page.waitForLoadState("networkidle");
    const cards = page.getByTestId("course-card");
    const all = await cards.count();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByLabel("搜索课程").fill("行政许可");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/q=/);
    await expect.poll(() => cards.count()).toBeLessThan(all);
    await expect(cards.first()).toContainText("行政许可");
    await expect(page.getByText(`共 ${await cards.count()} 门课程`)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // A card's link in the new list still navigates on the client.
    await cards.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/learn\/courses\/[a-z0-9-]+$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.goBack();
    await page.goBack();
    await expect(cards).toHaveCount(all);
  });

  test("filters by status and topic and searches by title with a plain GET form (no JavaScript)", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const staff = demo("staff");
    await loginWithoutScript(page, staff.username, staff.password);
    await page.goto("/learn/courses");
    await page.getByLabel("学习状态").selectOption("required");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/status=required/);
    // 行政许可法与审批服务实务 is required because this file's first test assigns it to the demo
    // staff's unit (so this test does not pass alone under -g); other specs may assign more, so
    // the rule checked is that every card left is 必修.
    const cards = page.getByTestId("course-card");
    await expect(cards.filter({ hasText: "行政许可法与审批服务实务" })).toHaveCount(1);
    const required = await cards.count();
    for (let i = 0; i < required; i++) await expect(cards.nth(i)).toContainText("必修");
    await page.getByLabel("学习状态").selectOption("");
    await page.getByLabel("搜索课程").fill("行政许可");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByTestId("course-card").first()).toContainText("行政许可");
    await page.goto("/learn/courses?status=nonsense");
    await expect(page.getByText("查询条件无效")).toBeVisible();
    await context.close();
  });
});
