import { expect, test, type Page } from "@playwright/test";
import { demo, login, submitLogin } from "./fixtures.ts";

// Issue 14: the AppShell's links are plain <a data-discover="true" href> with one delegated
// click handler (app/components/app-shell.tsx). They must behave as the <Link>/<NavLink>s did:
// a plain click or Enter navigates in the app (no document load), the active item moves, a
// modified click is left to the browser, and the links work without JavaScript.

/** A full document load drops this marker; a client navigation keeps the window. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
const marked = (page: Page) =>
  page.evaluate(() => (window as unknown as { marker?: number }).marker === 1);

test.describe("the shell's links", () => {
  test("a click, Enter and the footer navigate on the client; aria-current follows", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    await page.waitForLoadState("networkidle");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.locator('[aria-current="page"]')).toHaveText(["首页"]);
    await mark(page);
    await nav.getByRole("link", { name: "课程中心" }).click();
    await expect(page).toHaveURL(/\/learn\/courses$/);
    await expect(nav.locator('[aria-current="page"]')).toHaveText(["课程中心"]);
    await nav.getByRole("link", { name: "我的学习" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/learn$/);
    await expect(nav.locator('[aria-current="page"]')).toHaveText(["我的学习"]);
    await page.getByRole("contentinfo").getByRole("link", { name: "关于" }).click();
    await expect(page).toHaveURL(/\/about$/);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(0);
    await page.getByRole("banner").getByRole("link", { name: "法治学堂" }).last().click();
    await expect(page).toHaveURL(/\/$/);
    expect(await marked(page)).toBe(true);
  });

  test("the staff tab bar navigates on the client; a modified click opens a new tab", async ({
    page,
    context,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    await page.waitForLoadState("networkidle");
    await mark(page);
    const tabs = page.getByRole("navigation", { name: "底部导航" });
    await tabs.getByRole("link", { name: /考试/ }).click();
    await expect(page).toHaveURL(/\/learn\/exam$/);
    await expect(tabs.getByRole("link", { name: /考试/ })).toHaveAttribute("aria-current", "page");
    expect(await marked(page)).toBe(true);
    const opened = context.waitForEvent("page");
    await tabs.getByRole("link", { name: /法规/ }).click({ modifiers: ["ControlOrMeta"] });
    await expect((await opened).waitForURL(/\/laws$/)).resolves.toBeUndefined();
    await expect(page).toHaveURL(/\/learn\/exam$/);
  });

  test("without JavaScript the links are ordinary links", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const staff = demo("staff");
    await page.goto("/login");
    await submitLogin(page, staff.username, staff.password);
    await page.waitForURL((u) => u.pathname !== "/login");
    await page
      .getByRole("navigation", { name: "主导航" })
      .last()
      .getByRole("link", { name: "法律法规库" })
      .click();
    await expect(page).toHaveURL(/\/laws$/);
    await context.close();
  });
});
