import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { openPgPool } from "../../app/data/postgres.server.ts";
import type { DB } from "../../app/data/schema.generated.ts";
import { openSqlite } from "../../app/data/sqlite.server.ts";
import { expectNoSeriousViolations } from "./axe.ts";
import {
  demo,
  E2E_DATABASE_URL,
  E2E_DB_FILE,
  GENERATED_STAFF_PASSWORD,
  isPg,
  login,
  loginWithoutScript,
  RESERVED_STAFF,
  withDb,
} from "./fixtures.ts";
import { expectNoSidewaysScroll, shot } from "./layout.ts";

// 政策解读 beyond the publishing journey (issue 20 part B, decision 0023), at 360 and 1280 px:
// - assigned reading: the manager 赵培训 assigns a published interpretation to one unit, a
//   staff member of it finds it on /policy (and in his notices), confirms 我已阅读, and the
//   manager's count moves from 0 to 1;
// - 新法速递: content sync meets a newer version of a law than the one it last recorded and
//   creates a draft; the 政策法规科 opens it from /policy/manage, follows its 新旧对照 link,
//   completes and submits it, another member approves, and it is published;
// - without JavaScript, a refused draft keeps the text the author typed.

const WIDTHS = [360, 1280] as const;
// One law per width, each with an older version in content/laws/history.
const EXPRESS = {
  360: { lawId: "company-law", from: "2018", to: "2023", name: "公司法" },
  1280: {
    lawId: "state-secrets-law",
    from: "2010",
    to: "2024",
    name: "保守国家秘密法",
  },
} as const;
const READING_DOC = "【示例】市场准入负面清单：《优化营商环境条例》第二十条解读";

test.describe.configure({ mode: "serial" });

async function checkPage(page: Page, what: string) {
  await expectNoSeriousViolations(page, what);
  await expectNoSidewaysScroll(page, what);
}

/** Signs out by dropping the session cookie (at 360 px 退出登录 sits inside the 菜单). */
async function signOut(page: Page) {
  await page.context().clearCookies();
}

/**
 * Sets the law's recorded version (PolicyLawBaseline) back to its older text, as if content
 * sync had last run before the newer version was added to the library; withDb is read-only.
 */
async function rewindBaseline(lawId: string, versionKey: string) {
  const db = new Kysely<DB>({
    dialect: isPg
      ? new PostgresDialect({ pool: openPgPool(E2E_DATABASE_URL, 1) })
      : new SqliteDialect({ database: openSqlite(E2E_DB_FILE) }),
  });
  try {
    await db
      .updateTable("PolicyLawBaseline")
      .set({ versionKey, effective: `${versionKey}-01-01` })
      .where("lawId", "=", lawId)
      .execute();
  } finally {
    await db.destroy();
  }
}

/** `npm run content:sync` against the e2e database, as scripts/run-e2e.mjs runs it. */
function contentSync(): string {
  return execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/content-sync.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      READING_TIME_SCALE: "0.005",
      LOG_LEVEL: "error",
    },
  });
}

/**
 * Two generated staff of the manager's subtree (one per width), each alone in the test's
 * reading: the last 工号 of two different leaf units, none reserved by another spec.
 */
async function readers(): Promise<{ username: string; unitId: number; unit: string }[]> {
  const reserved = new Set<string>(Object.values(RESERVED_STAFF));
  const rows = await withDb(async (db) => {
    const manager = await db
      .selectFrom("User as u")
      .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
      .select("o.path")
      .where("u.username", "=", "manager")
      .executeTakeFirstOrThrow();
    return db
      .selectFrom("User as u")
      .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
      .select(["u.username", "o.id as unitId", "o.name as unit"])
      .where("o.path", "like", `${manager.path}%`)
      .where("u.username", "like", "A0%")
      .orderBy("u.username", "desc")
      .execute();
  });
  const picked: { username: string; unitId: number; unit: string }[] = [];
  for (const r of rows)
    if (!reserved.has(r.username) && !picked.some((p) => p.unitId === r.unitId)) picked.push(r);
  expect(picked.length, "two leaf units with staff under the manager").toBeGreaterThanOrEqual(2);
  return picked.slice(0, 2);
}

let people: { username: string; unitId: number; unit: string }[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  people = await readers();
  // 新法速递: the library "gains" the newer versions, and content sync creates the drafts.
  for (const w of WIDTHS) await rewindBaseline(EXPRESS[w].lawId, EXPRESS[w].from);
  expect(contentSync()).toContain("2 新法速递 draft(s) at /policy/manage");
});

WIDTHS.forEach((width, i) => {
  test(`${width}px: a manager assigns a reading, the staff member confirms 我已阅读, the count moves`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    const reader = people[i]!;

    await login(page, "manager", "Manager@2026");
    await page.goto("/policy/readings");
    await expect(page.getByRole("heading", { level: 1, name: "政策解读阅读任务" })).toBeVisible();
    await checkPage(page, "the readings page");
    // Nothing chosen: Chinese messages, nothing assigned.
    await page.getByRole("button", { name: "布置" }).click();
    await expect(page.getByText("请选择政策解读")).toBeVisible();
    await expect(page.getByText("请选择单位")).toBeVisible();
    await page.getByLabel("政策解读").selectOption({ label: READING_DOC });
    await page.getByLabel("单位", { exact: true }).selectOption(String(reader.unitId));
    await page.getByRole("checkbox", { name: "包括下级单位" }).uncheck();
    const before = await withDb((db) =>
      db.selectFrom("PolicyReading").select("id").where("unitId", "=", reader.unitId).execute(),
    );
    await page.getByRole("button", { name: "布置" }).dblclick();
    await page.waitForURL(/\/policy\/readings\/\d+$/);
    await expect(
      page.getByRole("heading", { level: 1, name: `阅读确认：${READING_DOC}` }),
    ).toBeVisible();
    const after = await withDb((db) =>
      db.selectFrom("PolicyReading").select("id").where("unitId", "=", reader.unitId).execute(),
    );
    expect(after.length - before.length, "a double click assigns once").toBe(1);
    const detailUrl = new URL(page.url()).pathname;
    await expect(page.getByText(/已确认 0 \/ \d+ 人/)).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: reader.username })).toContainText(
      "未确认",
    );
    await checkPage(page, "the reading's confirmation list");
    await signOut(page);

    // The staff member: the notice, and the list on /policy.
    await login(page, reader.username, GENERATED_STAFF_PASSWORD);
    await page.goto("/notifications");
    await expect(page.getByText(`请阅读政策解读：${READING_DOC}`).first()).toBeVisible();
    await page.goto("/policy");
    const mine = page.getByRole("region", { name: /布置给我的阅读/ });
    await expect(mine).toContainText("待确认 1 篇");
    await checkPage(page, "/policy with an assigned reading");
    await mine.getByRole("link", { name: READING_DOC }).click();
    await expect(page.getByRole("heading", { level: 1, name: READING_DOC })).toBeVisible();
    await expect(page.getByText("本解读已布置给您阅读")).toBeVisible();
    await checkPage(page, "an assigned interpretation");
    await page.getByRole("button", { name: "我已阅读" }).dblclick();
    await expect(page.getByText(/您已于 .* 确认阅读。/)).toBeVisible();
    await expect(page.getByRole("button", { name: "我已阅读" })).toHaveCount(0);
    await shot(page, testInfo, `policy-reading-confirmed-${width}`);
    await page.goto("/policy");
    await expect(page.getByRole("region", { name: /布置给我的阅读/ })).toContainText("待确认 0 篇");
    await signOut(page);

    // The manager's count moved.
    await login(page, "manager", "Manager@2026");
    await page.goto(detailUrl);
    await expect(page.getByText(/已确认 1 \/ \d+ 人/)).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: reader.username })).toContainText(
      "已确认",
    );
    await page.goto("/policy/readings");
    await expect(
      page.getByRole("listitem").filter({ has: page.locator(`a[href="${detailUrl}"]`) }),
    ).toContainText(/已确认 1 \/ \d+ 人/);
    await shot(page, testInfo, `policy-readings-${width}`);
  });

  test(`${width}px: 新法速递 — content sync's draft is completed, reviewed and published`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    const law = EXPRESS[width];
    const compareUrl = `/laws/${law.lawId}/compare?from=${law.from}&to=${law.to}`;

    await login(page, "manager", "Manager@2026");
    await page.goto("/policy/manage");
    const entry = page.getByRole("link", { name: new RegExp(`新法速递：《${law.name}》`) });
    await expect(entry).toBeVisible();
    await checkPage(page, "the manage list with a 新法速递 draft");
    await entry.click();
    await expect(page.getByRole("heading", { level: 1, name: /新法速递/ })).toBeVisible();
    await expect(page.getByText("作者：（待认领）")).toBeVisible();
    await checkPage(page, "a 新法速递 draft");
    await shot(page, testInfo, `policy-express-draft-${width}`);
    const manageUrl = new URL(page.url()).pathname;
    const compare = page.getByRole("link", { name: "查看新旧对照" });
    await expect(compare).toHaveAttribute("href", compareUrl);
    await compare.click();
    await expect(page.getByRole("heading", { level: 1, name: /新旧对照/ })).toBeVisible();
    await page.goBack();
    await expect(page.getByText("作者：（待认领）")).toBeVisible();

    // Complete it: readers and industry, a key point; saving takes it (作者 becomes 赵培训).
    await page.getByLabel("要点").fill("修订后的条文以新旧对照为准");
    await page.getByRole("checkbox", { name: "工作人员" }).check();
    await page.getByRole("checkbox", { name: "通用" }).check();
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page.getByText("草稿已保存。")).toBeVisible();
    await expect(page.getByText("作者：赵培训")).toBeVisible();
    await page.getByRole("button", { name: "提交法规审核" }).click();
    await expect(page.getByText("已提交法规审核。")).toBeVisible();
    await expect(page.getByRole("button", { name: "审核通过并发布" })).toHaveCount(0);
    await signOut(page);

    // Another member of the 政策法规科 (孙学习) approves.
    await login(page, "staff", "Staff@2026");
    await page.goto(manageUrl);
    await expect(page.getByText("状态：法规审核中")).toBeVisible();
    await page.getByRole("button", { name: "审核通过并发布" }).click();
    await expect(page.getByText("已审核通过并发布。")).toBeVisible();
    await expect(page.getByText("状态：已发布")).toBeVisible();
    await page.getByRole("link", { name: "查看已发布的第 1 版" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /新法速递/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "查看新旧对照" })).toHaveAttribute(
      "href",
      compareUrl,
    );
    await checkPage(page, "a published 新法速递");
    await shot(page, testInfo, `policy-express-published-${width}`);
  });
});

test("without JavaScript, a refused draft keeps its text and shows the Chinese message", async ({
  browser,
}: {
  browser: Browser;
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const expert = demo("expert");
  await loginWithoutScript(page, expert.username, expert.password);
  await page.goto("/policy/manage/new");
  const body = "无脚本时草稿正文不能丢失。\n\n第二段：施行后的注意事项。";
  // No title: refused by the server.
  await page.getByLabel("正文").fill(body);
  await page.getByLabel("要点").fill("要点一");
  await page.getByRole("radio", { name: "法律法规库中的法律法规" }).check();
  await page.getByLabel("法律法规", { exact: true }).selectOption("data-security-law");
  await page.getByRole("checkbox", { name: "数据服务" }).check();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("请填写标题")).toBeVisible();
  await expect(page.getByLabel("正文")).toHaveValue(body);
  await expect(page.getByLabel("要点")).toHaveValue("要点一");
  await expect(page.getByLabel("法律法规", { exact: true })).toHaveValue("data-security-law");
  await expect(page.getByRole("checkbox", { name: "数据服务" })).toBeChecked();
  // Completed, it saves.
  const title = `无脚本草稿 ${Date.now().toString(36)}`;
  await page.getByLabel("标题").fill(title);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存。")).toBeVisible();
  // Editing it: a refused save (the body emptied, a title typed) keeps the new title.
  await page.getByLabel("标题").fill(`${title}（改）`);
  await page.getByLabel("正文").fill("");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("请填写正文")).toBeVisible();
  await expect(page.getByLabel("标题")).toHaveValue(`${title}（改）`);
  await context.close();
});
