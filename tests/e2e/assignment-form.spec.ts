import { expect, test } from "@playwright/test";
import { demo, login, waitForHydration } from "./fixtures.ts";

test("the assignment form checks its fields in the browser with the action's schema, before anything is posted", async ({
  page,
}) => {
  const manager = demo("manager");
  await login(page, manager.username, manager.password);
  await page.goto("/manage/assignments/new");
  await waitForHydration(page);
  let posted = false;
  page.on("request", (r) => {
    if (r.method() === "POST") posted = true;
  });
  await page.getByRole("button", { name: "布置任务" }).click();
  await expect(page.getByText("请输入任务名称")).toBeVisible();
  await expect(page.getByText("请至少选择一门课程")).toBeVisible();
  expect(posted).toBe(false);
  await expect(page.getByLabel("任务名称")).toHaveAttribute("aria-invalid", "true");
});
