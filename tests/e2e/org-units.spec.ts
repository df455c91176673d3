import { expect, test } from "@playwright/test";
import { demo, login, waitForHydration, withDb } from "./fixtures.ts";

// Issue 11 item 6: creating a unit through the real form gave 500 ("Unknown argument intent").
test("an admin creates a sub-unit through the real form on the unit page", async ({ page }) => {
  const admin = demo("admin");
  const parent = await withDb((db) =>
    db
      .selectFrom("OrgUnit")
      .select(["id", "name"])
      .where("depth", "=", 1)
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow(),
  );
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await login(page, admin.username, admin.password);
  await page.goto(`/admin/units/${parent.id}`);
  await waitForHydration(page);
  const form = page.locator("section", {
    has: page.getByRole("heading", { name: "新建下级单位" }),
  });
  await form.getByLabel("名称").fill("端到端测试科");
  await form.getByLabel("编码").fill(code);
  await form.getByLabel("类型").selectOption("DEPARTMENT");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("下级单位已创建。")).toBeVisible();
  const created = await withDb((db) =>
    db
      .selectFrom("OrgUnit")
      .select(["name", "parentId", "kind"])
      .where("code", "=", code)
      .executeTakeFirst(),
  );
  expect(created).toEqual({ name: "端到端测试科", parentId: parent.id, kind: "DEPARTMENT" });
});
