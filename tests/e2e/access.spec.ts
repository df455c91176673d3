import { expect, test, type Page } from "@playwright/test";
import { apiContext, demo, expectRefused, login, userRow, withDb } from "./fixtures.ts";

/** Opens a URL and expects the Chinese 403 page (app/components/error-boundary.tsx). */
async function expectForbidden(page: Page, url: string) {
  const res = await page.goto(url);
  expect(res?.status(), `${url} status`).toBe(403);
  await expect(page).toHaveURL(url);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("无权访问");
  await expect(page.getByText("您没有权限访问此页面")).toBeVisible();
  await expect(page.getByText("服务器出错了")).toHaveCount(0);
}

async function deniedCount(username: string, path: string): Promise<number> {
  const { id } = await userRow(username);
  return withDb(async (db) => {
    const row = await db
      .selectFrom("AuditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("actorId", "=", id)
      .where("action", "=", "PERMISSION_DENIED")
      .where("objectId", "=", path)
      .where("result", "=", "DENIED")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

test.describe("role-based access (三员分立)", () => {
  test("STAFF opening /admin/users gets the Chinese 403 page, and the denial is audited", async ({
    page,
  }) => {
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    const before = await deniedCount(staff.username, "/admin/users");
    await expectForbidden(page, "/admin/users");
    await expect(page.getByRole("table")).toHaveCount(0);
    expect(await deniedCount(staff.username, "/admin/users")).toBe(before + 1);
  });

  test("AUDITOR opening /admin/users gets 403: the auditor cannot administer users", async ({
    page,
  }) => {
    const auditor = demo("auditor");
    await login(page, auditor.username, auditor.password);
    await expectForbidden(page, "/admin/users");
    await expectForbidden(page, "/admin/users/new");
  });

  test("ADMIN opening /audit gets 403: the administrator cannot read the audit log", async ({
    page,
  }) => {
    const admin = demo("admin");
    await login(page, admin.username, admin.password);
    await expectForbidden(page, "/audit");
    await expect(page.getByRole("table", { name: "审计记录" })).toHaveCount(0);
  });
});

test.describe("三员分立: the admin user pages offer nothing for the AUDITOR", () => {
  test("ADMIN sees no AUDITOR role to give, no controls on the auditor's page, and a forged reset is refused", async ({
    page,
  }) => {
    const admin = demo("admin");
    await login(page, admin.username, admin.password);
    await page.goto("/admin/users/new");
    const roles = page.getByLabel("角色");
    await expect(roles.locator("option")).not.toHaveCount(0);
    await expect(roles.locator("option", { hasText: "审计管理员" })).toHaveCount(0);

    const auditorId = (await userRow("auditor")).id;
    await page.goto(`/admin/users/${auditorId}`);
    await expect(page.getByText("npm run auditor")).toBeVisible();
    await expect(page.getByRole("button", { name: /重置密码|停用账号|保存修改/ })).toHaveCount(0);

    const hashBefore = (await userRow("auditor")).passwordHash;
    const api = await apiContext({ username: admin.username, password: admin.password });
    for (const intent of ["reset-password", "disable"]) {
      const res = await api.post(`/admin/users/${auditorId}`, {
        form: { intent },
        maxRedirects: 0,
      });
      const body = await expectRefused(res, 400, /三员分立/);
      expect(body).not.toContain("临时密码");
    }
    const after = await userRow("auditor");
    expect({ passwordHash: after.passwordHash, disabled: after.disabled }).toEqual({
      passwordHash: hashBefore,
      disabled: false,
    });
    await api.dispose();
  });
});
