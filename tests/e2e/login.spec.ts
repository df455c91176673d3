import { expect, test } from "@playwright/test";
import {
  demo,
  DEMO_ACCOUNTS,
  GENERATED_STAFF_PASSWORD,
  login,
  logout,
  RESERVED_STAFF,
  sessionCount,
  submitLoginAndWait,
  userRow,
  waitForHydration,
} from "./fixtures.ts";

// What only one role's home page shows (app/routes/_index.tsx).
const ROLE_SECTIONS = {
  ADMIN: "用户（按角色）",
  AUDITOR: "近 7 天安全事件",
  MANAGER: "我的管理范围",
} as const;

test.describe("sign-in and role home pages", () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`${account.role} ${account.username} signs in and sees his own home page`, async ({
      page,
    }) => {
      await login(page, account.username, account.password);
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${account.name}`);
      await expect(page.getByRole("banner")).toContainText(account.name);
      await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
      for (const [role, heading] of Object.entries(ROLE_SECTIONS)) {
        const section = page.getByRole("heading", { name: heading });
        if (role === account.role) await expect(section).toBeVisible();
        else await expect(section).toHaveCount(0);
      }
      if (account.role === "ADMIN") {
        const table = page
          .getByRole("table")
          .filter({ has: page.getByRole("columnheader", { name: "人数" }) });
        await expect(table.getByRole("rowheader", { name: "工作人员" })).toBeVisible();
        // The admin's menu is grouped (issue 17): 用户管理 sits under 人员与机构.
        const nav = page.getByRole("navigation", { name: "主导航" });
        await nav.getByText("人员与机构").click();
        await expect(nav.getByRole("link", { name: "用户管理" })).toBeVisible();
      } else {
        await expect(page.getByRole("link", { name: "用户管理" })).toHaveCount(0);
      }
      if (account.role === "AUDITOR") {
        await expect(page.getByRole("link", { name: "查看审计日志" })).toBeVisible();
      } else {
        await expect(page.getByRole("link", { name: /审计日志/ })).toHaveCount(0);
      }
      if (account.role === "MANAGER") {
        await expect(page.getByRole("region", { name: "我的管理范围" })).toContainText(
          /共 \d+ 个单位/,
        );
      }
    });
  }

  test("a wrong password is refused with a message that does not reveal whether the user exists", async ({
    page,
  }) => {
    await page.goto("/login");
    await waitForHydration(page);
    expect(await submitLoginAndWait(page, "admin", "Wrong@2026x")).toBe(401);
    const known = page.getByRole("alert");
    await expect(known).toContainText("用户名或密码错误");
    const knownText = await known.innerText();
    expect(await submitLoginAndWait(page, "no-such-user", "Wrong@2026x")).toBe(401);
    await expect(page.getByRole("alert")).toHaveText(knownText);
    await expect(page).toHaveURL(/\/login/);
    // The admin's counter is reset by his next successful login; undo it now for other tests.
    await login(page, "admin", demo("admin").password);
    expect((await userRow("admin")).failedLoginCount).toBe(0);
  });
});

test.describe("account lockout", () => {
  test("locks the account after 5 wrong passwords, and then refuses even the right password", async ({
    page,
  }) => {
    const username = RESERVED_STAFF.lockout;
    const before = await userRow(username);
    expect(
      before.lockedUntil,
      `${username} must be unlocked at the start (fresh e2e database)`,
    ).toBeNull();
    const sessionsBefore = await sessionCount(before.id);

    await page.goto("/login");
    await waitForHydration(page);
    const alert = page.getByRole("alert");
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(
        await submitLoginAndWait(page, username, `Wrong@${attempt}abc`),
        `attempt ${attempt}`,
      ).toBe(401);
      await expect(alert).toContainText("用户名或密码错误");
      await expect(alert).not.toContainText("账号已锁定");
      expect((await userRow(username)).failedLoginCount).toBe(attempt);
    }
    expect(await submitLoginAndWait(page, username, "Wrong@5abc"), "attempt 5").toBe(423);
    await expect(alert).toContainText("账号已锁定");

    expect(
      await submitLoginAndWait(page, username, GENERATED_STAFF_PASSWORD),
      "the right password while locked",
    ).toBe(423);
    await expect(alert).toContainText("账号已锁定");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "退出登录" })).toHaveCount(0);

    const after = await userRow(username);
    expect(after.lockedUntil).not.toBeNull();
    expect(Number(after.lockedUntil)).toBeGreaterThan(Date.now() + 10 * 60 * 1000);
    expect(await sessionCount(before.id)).toBe(sessionsBefore);
  });
});

test.describe("logout", () => {
  test("after logout the back button shows the login page, not the previous page's data", async ({
    page,
  }) => {
    const admin = demo("admin");
    await login(page, admin.username, admin.password);
    await page.goto("/admin/users");
    await waitForHydration(page);
    const usersTable = page.getByRole("table", { name: "用户列表" });
    await expect(usersTable).toContainText("auditor");

    await logout(page);
    await expect(page.getByRole("heading", { name: "登录法治学堂" })).toBeVisible();

    await page.goBack();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "登录法治学堂" })).toBeVisible();
    await expect(usersTable).toHaveCount(0);
    await expect(page.getByText("auditor")).toHaveCount(0);

    // A full reload of the old address is refused too.
    const res = await page.goto("/admin/users");
    expect(res?.status()).toBe(200);
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers/);
    await expect(page.getByText("auditor")).toHaveCount(0);
  });
});
