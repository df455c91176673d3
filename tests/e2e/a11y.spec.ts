import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { login, logout, ONE_PER_ROLE, waitForHydration } from "./fixtures.ts";

test.describe("accessibility (axe)", () => {
  test("the login page has no serious or critical axe violation", async ({ page }) => {
    await page.goto("/login");
    await waitForHydration(page);
    await expectNoSeriousViolations(page, "/login");
  });

  test("the login page with an error message has no serious or critical axe violation", async ({
    page,
  }) => {
    await page.goto("/login");
    await waitForHydration(page);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page.getByLabel("用户名（工号或手机号）")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousViolations(page, "/login with field errors");
  });

  for (const account of ONE_PER_ROLE) {
    test(`the ${account.role} home page has no serious or critical axe violation`, async ({
      page,
    }) => {
      await login(page, account.username, account.password);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`您好，${account.name}`);
      await expectNoSeriousViolations(page, `the ${account.role} home page`);
    });
  }

  test("the learning and statute pages have no serious or critical axe violation", async ({
    page,
  }) => {
    // Eleven pages, some long: axe alone takes ~5 s a page on a busy machine.
    test.setTimeout(120_000);
    await login(page, "staff", "Staff@2026");
    for (const path of [
      "/learn",
      "/learn/courses",
      "/learn/courses/data-security-pipl",
      "/learn/courses/data-security-pipl/lessons/dsl-framework",
      "/learn/wrong-answers",
      "/learn/exam",
      "/learn/exam/mock",
      "/learn/courses/administrative-licensing",
      "/laws",
      "/laws/data-security-law",
      "/laws/data-security-law/21",
      "/laws/search?q=个人信息",
    ]) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoSeriousViolations(page, path);
    }
  });

  test("the statute library's version, chapter and 新旧对照 pages have no serious or critical axe violation", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await login(page, "staff", "Staff@2026");
    for (const path of [
      "/laws/civil-code?chapter=3",
      "/laws/cybersecurity-law",
      "/laws/company-law/20?v=2018",
      "/laws/administrative-reconsideration-law/compare?from=2017&to=2023&old=12",
      "/laws/search?q=第三十三条",
    ]) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoSeriousViolations(page, path);
    }
  });

  test("the audit and exam-settings pages have no serious or critical axe violation", async ({
    page,
  }) => {
    await login(page, "admin", "Admin@2026");
    for (const path of [
      "/manage/overview",
      "/manage/exam",
      "/manage/assignments/new",
      "/manage/units",
      "/admin/exam-settings",
      "/admin/bookings",
      "/admin/experts",
      "/admin/enterprises",
      "/admin/consult-settings",
      "/admin/citations",
    ]) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoSeriousViolations(page, path);
    }
  });

  test("the registration page and the consultation pages have no serious or critical axe violation", async ({
    page,
  }) => {
    await page.goto("/register");
    await waitForHydration(page);
    await expectNoSeriousViolations(page, "/register");
    await login(page, "enterprise", "Company@2026");
    for (const path of ["/consult", "/consult/new", "/consult/review/new", "/consult/experts"]) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoSeriousViolations(page, path);
    }
    await logout(page);
    await login(page, "expert", "Expert@2026");
    for (const path of ["/expert", "/expert/availability"]) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoSeriousViolations(page, path);
    }
  });
});
