import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  apiContext,
  E2E_DATABASE_URL,
  expectRefused,
  GENERATED_STAFF_PASSWORD,
  login,
  logout,
  ONE_PER_ROLE,
  RESERVED_STAFF,
  withDb,
} from "./fixtures.ts";

// Amendment flags end to end (issue 15, decision 0015 part 7): a fixture course
// cites 行政复议法 第十二条 while the library's version in force is the 2017 text
// (a test-only copy of content/laws without the 2023 file); then content sync
// runs with the real library, where the 2023 version is in force.

const OLD_LAWS = path.resolve("tests/.tmp/laws-before-2023");
const COURSE_DIR = "tests/fixtures/courses-amended";
const LESSON = "/learn/courses/reconsideration-2017/lessons/jurisdiction";
const NOTICE = "本课引用的《行政复议法》第十二条已于 2024-01-01 修改，内容正在核对";

function contentSync(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/content-sync.ts", ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      READING_TIME_SCALE: "0.005",
      LOG_LEVEL: "error",
      ...env,
    },
  });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  fs.rmSync(OLD_LAWS, { recursive: true, force: true });
  fs.cpSync("content/laws", OLD_LAWS, { recursive: true });
  fs.renameSync(
    path.join(OLD_LAWS, "history/administrative-reconsideration-law-2017.md"),
    path.join(OLD_LAWS, "administrative-reconsideration-law.md"),
  );
  // The fixture course is loaded, and resolves its citations, while 2017 is in force ...
  expect(contentSync(["--add", COURSE_DIR], { LAWS_DIR: OLD_LAWS })).not.toContain("to review");
  // ... then the 2023 version is loaded.
  expect(contentSync(["--add", COURSE_DIR])).toContain(
    "2 citation(s) of amended articles to review at /admin/citations",
  );
});

test.afterAll(() => {
  // A plain sync retires the fixture course so later specs see the shipped catalogue only.
  test.setTimeout(120_000);
  contentSync([]);
  fs.rmSync(OLD_LAWS, { recursive: true, force: true });
});

test("a new version of a cited law flags the citation: learner notice, ADMIN review queue with 新旧对照, audited review", async ({
  page,
}) => {
  await login(page, RESERVED_STAFF.citations, GENERATED_STAFF_PASSWORD);
  await page.goto(LESSON);
  await expect(page.getByRole("region", { name: "法条修改提示" })).toHaveText(NOTICE);
  await expectNoSeriousViolations(page, "a lesson with an amendment notice");
  await logout(page);

  await login(page, "admin", "Admin@2026");
  // The admin's menu is grouped (issue 17): 法条变更核对 sits under 课程与考试.
  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByText("课程与考试").click();
  await nav.getByRole("link", { name: "法条变更核对" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "法条变更核对" })).toBeVisible();
  await expect(page.getByText("共 2 项")).toBeVisible();
  const item = page.getByRole("listitem").filter({ hasText: "课时 jurisdiction 第 3 段" });
  await expect(item.getByRole("heading", { name: "旧：2017年版第十二条" })).toBeVisible();
  await expect(
    item.getByRole("heading", { name: "新：2023年版第二十七条（2024-01-01 起施行）" }),
  ).toBeVisible();
  await expect(item.getByText("条号变化并修改")).toBeVisible();
  await expect(item.locator("del").first()).toBeVisible();
  await expectNoSeriousViolations(page, "the review queue with two flags");

  await item.getByRole("link", { name: "查看新旧对照" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("新旧对照");
  await expect(page.getByText("2017年版第十二条 → 2023年版第二十七条")).toBeVisible();
  await expectNoSeriousViolations(page, "新旧对照 of one article");
  await page.goBack();

  await page
    .getByRole("listitem")
    .filter({ hasText: "课时 jurisdiction 第 3 段" })
    .getByRole("button", { name: "已核对，无需修改" })
    .click();
  await expect(page.getByText("已记录：已核对，无需修改。")).toBeVisible();
  await expect(page.getByText("共 1 项")).toBeVisible();
  const audited = await withDb((db) =>
    db
      .selectFrom("AuditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "CITATION_REVIEW")
      .executeTakeFirstOrThrow(),
  );
  expect(Number(audited.n)).toBeGreaterThanOrEqual(1);
  await logout(page);

  await login(page, RESERVED_STAFF.citations, GENERATED_STAFF_PASSWORD);
  await page.goto(LESSON);
  await expect(page.getByRole("heading", { level: 1, name: "复议机关" })).toBeVisible();
  await expect(page.getByRole("region", { name: "法条修改提示" })).toHaveCount(0);
});

test("only ADMIN opens the review queue or reviews: every other role gets 403", async () => {
  for (const account of ONE_PER_ROLE.filter((a) => a.role !== "ADMIN")) {
    const api = await apiContext(account);
    await expectRefused(await api.get("/admin/citations", { maxRedirects: 0 }), 403);
    await expectRefused(
      await api.post("/admin/citations", {
        form: { intent: "confirmed", flagId: "1" },
        maxRedirects: 0,
      }),
      403,
    );
    await api.dispose();
  }
});

test("hostile input on the review queue is a Chinese 4xx, never a 500", async () => {
  const api = await apiContext({ username: "admin", password: "Admin@2026" });
  for (const q of ["?status=all", "?page=0", "?page=abc", "?page=99999999", "?status=%00"])
    await expectRefused(await api.get(`/admin/citations${q}`), 400);
  const forms: Record<string, string>[] = [
    { intent: "delete", flagId: "1" },
    { intent: "confirmed", flagId: "-1" },
    { intent: "confirmed", flagId: "1e309" },
    { intent: "confirmed", flagId: "x" },
    { intent: "confirmed", flagId: "1", status: "resolved" },
    { intent: "needs-edit", flagId: "1", note: "长".repeat(201) },
  ];
  for (const form of forms)
    await expectRefused(await api.post("/admin/citations", { form, maxRedirects: 0 }), 400);
  await expectRefused(
    await api.post("/admin/citations", {
      form: { intent: "confirmed", flagId: "2147483647" },
      maxRedirects: 0,
    }),
    404,
    /该核对项不存在/,
  );
  await api.dispose();
});
