import { expect, test } from "@playwright/test";
import {
  demo,
  login,
  logout,
  submitLogin,
  submitLoginAndWait,
  userRow,
  waitForHydration,
  withDb,
} from "./fixtures.ts";

test.describe("first-login password change", () => {
  test("a user created by the admin must change the initial password before using the site", async ({
    page,
  }) => {
    const username = `e2e-new-${Date.now().toString(36)}`;
    const name = "测试新人";

    // 1. The admin creates the user in the UI.
    const admin = demo("admin");
    await login(page, admin.username, admin.password);
    await page.goto("/admin/users/new");
    await waitForHydration(page);
    await page.getByLabel("用户名（工号或登录名）").fill(username);
    await page.getByLabel("姓名").fill(name);
    await page.getByLabel("角色").selectOption({ label: "工作人员" });
    await page.getByLabel("单位编码").fill("AS-SJJ-K01");
    await page.getByRole("button", { name: "创建用户" }).click();
    await expect(page.getByRole("heading", { name: "用户已创建" })).toBeVisible();
    const initialPassword = (await page.getByTestId("initial-password").innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);

    const created = await userRow(username);
    expect(created.role).toBe("STAFF");
    const unitCode = await withDb(
      async (db) =>
        (
          await db
            .selectFrom("OrgUnit")
            .select("code")
            .where("id", "=", created.orgUnitId!)
            .executeTakeFirstOrThrow()
        ).code,
    );
    expect(unitCode).toBe("AS-SJJ-K01");
    // Only a hash is stored.
    expect(created.passwordHash).not.toContain(initialPassword);
    await logout(page);

    // 2. The new user signs in and is sent to the password page.
    await page.goto("/login");
    await waitForHydration(page);
    await submitLogin(page, username, initialPassword);
    await page.waitForURL("/account/password");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
    await expect(page.getByText("这是您首次登录或密码已被重置")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "主导航" })).toHaveCount(0);

    // 3. Any other page sends him back there.
    for (const url of ["/", "/account/profile"]) {
      await page.goto(url);
      await expect(page, `${url} must redirect to the password page`).toHaveURL(
        "/account/password",
      );
    }
    await waitForHydration(page);

    // 4. A new password that breaks the policy shows an error beside the field and changes nothing.
    const newPasswordField = page.getByLabel("新密码", { exact: true });
    await page.getByLabel("当前密码").fill(initialPassword);
    await newPasswordField.fill("abcdefgh");
    await page.getByLabel("确认新密码").fill("abcdefgh");
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect(newPasswordField).toHaveAttribute("aria-invalid", "true");
    const describedBy = (await newPasswordField.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
    expect(errorId, "the error is tied to the field with aria-describedby").toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toContainText("至少三类");
    await expect(page).toHaveURL("/account/password");
    expect((await userRow(username)).passwordHash).toBe(created.passwordHash);

    // 5. A good password: the home page opens.
    const newPassword = "Xuexi@2026new";
    await newPasswordField.fill(newPassword);
    await page.getByLabel("确认新密码").fill(newPassword);
    await page.getByRole("button", { name: "保存新密码" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${name}`);
    await expect(page.getByRole("status")).toContainText("密码已修改");
    expect((await userRow(username)).mustChangePassword).toBe(false);

    // 6. The new password works; the old one no longer does.
    await logout(page);
    await waitForHydration(page);
    expect(
      await submitLoginAndWait(page, username, initialPassword),
      "the initial password no longer works",
    ).toBe(401);
    await expect(page.getByRole("alert")).toContainText("用户名或密码错误");
    await login(page, username, newPassword);
    await expect(page).toHaveURL("/");
  });

  test("the server refuses a policy-violating new password too (form posted without JavaScript)", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const username = `e2e-nojs-${Date.now().toString(36)}`;
    // Created through the admin UI (no JavaScript needed: the form posts natively).
    const admin = demo("admin");
    await page.goto("/login");
    await submitLogin(page, admin.username, admin.password);
    await page.waitForURL("/");
    await page.goto("/admin/users/new");
    await page.getByLabel("用户名（工号或登录名）").fill(username);
    await page.getByLabel("姓名").fill("无脚本");
    await page.getByLabel("单位编码").fill("AS-SJJ-K01");
    await page.getByRole("button", { name: "创建用户" }).click();
    const initialPassword = (await page.getByTestId("initial-password").innerText()).trim();
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);

    await submitLogin(page, username, initialPassword);
    await page.waitForURL("/account/password");
    const hash = (await userRow(username)).passwordHash;
    await page.getByLabel("当前密码").fill(initialPassword);
    await page.getByLabel("新密码", { exact: true }).fill("short1A");
    await page.getByLabel("确认新密码").fill("short1A");
    await page.getByRole("button", { name: "保存新密码" }).click();
    const field = page.getByLabel("新密码", { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("密码至少 8 个字符")).toBeVisible();
    await expect(page).toHaveURL("/account/password");
    expect((await userRow(username)).passwordHash).toBe(hash);
    await context.close();
  });
});
