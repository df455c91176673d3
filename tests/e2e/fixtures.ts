import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from "@playwright/test";
import { Kysely, PostgresDialect, SqliteDialect, type Selectable } from "kysely";
import { openPgPool } from "../../app/data/postgres.server.ts";
import type { DB } from "../../app/data/schema.generated.ts";
import { openSqlite, sqliteFilePath } from "../../app/data/sqlite.server.ts";
import {
  DEMO_ACCOUNTS,
  GENERATED_STAFF_PASSWORD,
  type DemoAccount,
} from "../../prisma/seed/demo-accounts.ts";

export { DEMO_ACCOUNTS, GENERATED_STAFF_PASSWORD, type DemoAccount };

/** The test server's port (playwright.config.ts): E2E_PORT, default 3300. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3300);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The server refuses POSTs without a same-origin Origin (server/security.ts). */
export const SAME_ORIGIN = { Origin: BASE_URL };
export const CROSS_SITE = { Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" };

/**
 * The e2e database the test server uses (prepared by scripts/run-e2e.mjs): the SQLite file, or
 * with E2E_DB=pg the throw-away PostgreSQL database (E2E_DATABASE_URL, as playwright.config.ts).
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./tests/.tmp/e2e.db";
/** Whether this run is on PostgreSQL; SQLite-only tests skip themselves with `test.skip(isPg, …)`. */
export const isPg = /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL);
/** The SQLite file (meaningless on PostgreSQL). */
export const E2E_DB_FILE = sqliteFilePath(E2E_DATABASE_URL);

/**
 * Generated staff accounts (prisma/seed.ts: A000001 ..., password Staff@2026),
 * each reserved for one test so that tests cannot disturb each other.
 */
export const RESERVED_STAFF = {
  lockout: "A000001",
  profile: "A000002",
  logoutByGet: "A000003",
  learner: "A000010",
  otherLearner: "A000011",
  newCourse: "A000012",
  exam: "A000013",
  busy: "A000014",
  citations: "A000015",
  annual: "A000016",
  eventOps: "A000031",
} as const;

/** The demo account with this username (prisma/seed/demo-accounts.ts). */
export function demo(username: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account;
}

/** One demo account per role, in a fixed order. */
export const ONE_PER_ROLE: DemoAccount[] = DEMO_ACCOUNTS.filter(
  (a, i) => DEMO_ACCOUNTS.findIndex((b) => b.role === a.role) === i,
);

/** Waits until React has hydrated (app/root.tsx sets html[data-hydrated]). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Fills and submits the login form; does not wait for the outcome. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("用户名（工号或手机号）").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** Submits the login form and waits for the server's answer to the POST; returns its status. */
export async function submitLoginAndWait(
  page: Page,
  username: string,
  password: string,
): Promise<number> {
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
  );
  await submitLogin(page, username, password);
  return (await answered).status();
}

/**
 * Signs in through the login page in a context without JavaScript (nothing hydrates: the form
 * posts as plain HTML) and waits until the browser has left the login page.
 */
export async function loginWithoutScript(
  page: Page,
  username: string,
  password: string,
): Promise<void> {
  await page.goto("/login");
  await submitLogin(page, username, password);
  await page.waitForURL((url) => url.pathname !== "/login");
}

/** Signs in through the login page and waits until the browser has left it. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await waitForHydration(page);
  await submitLogin(page, username, password);
  await page.waitForURL((url) => url.pathname !== "/login");
  await waitForHydration(page);
}

/** Clicks 退出登录 in the header and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
}

/**
 * Signs in at desktop width, then narrows the page to `width`: the phone header folds 退出登录
 * into a menu, so the events specs sign in and out at 1280 px and test at their own width.
 */
export async function signInAtWidth(
  page: Page,
  width: number,
  username: string,
  password: string,
): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, username, password);
  await page.setViewportSize({ width, height: 900 });
}

/** Widens the page to desktop width and signs out through the header (see signInAtWidth). */
export async function signOutWide(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logout(page);
}

/** An API context that sends a same-origin Origin header; signed in when credentials are given. */
export async function apiContext(credentials?: {
  username: string;
  password: string;
}): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: SAME_ORIGIN,
  });
  if (credentials) {
    const res = await api.post("/login", {
      form: { username: credentials.username, password: credentials.password },
      maxRedirects: 0,
    });
    expect(res.status(), `login of ${credentials.username}`).toBe(302);
    expect(res.headers()["set-cookie"] ?? "").toContain("fzxt_session=");
  }
  return api;
}

/**
 * Opens the e2e database through the data layer's dialect code (read-only on SQLite), runs
 * `fn` on a Kysely handle, closes it. Rows have the data layer's shape on both databases:
 * Date for times, boolean for booleans, number for counts.
 */
export async function withDb<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const db = new Kysely<DB>({
    dialect: isPg
      ? new PostgresDialect({ pool: openPgPool(E2E_DATABASE_URL, 2) })
      : new SqliteDialect({ database: openSqlite(E2E_DB_FILE, { readonly: true }) }),
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export async function sessionCount(userId?: number): Promise<number> {
  return withDb(async (db) => {
    let q = db.selectFrom("Session").select((eb) => eb.fn.countAll<number>().as("n"));
    if (userId !== undefined) q = q.where("userId", "=", userId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  });
}

export type UserRow = Selectable<DB["User"]>;

export async function userRow(username: string): Promise<UserRow> {
  const row = await withDb((db) =>
    db.selectFrom("User").selectAll().where("username", "=", username).executeTakeFirst(),
  );
  if (!row) throw new Error(`no user ${username} in the e2e database`);
  return row;
}

export async function userCount(): Promise<number> {
  return withDb(async (db) =>
    Number(
      (
        await db
          .selectFrom("User")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
}

/** Any CJK character: the message a user sees is Chinese. */
export const CHINESE = /[\u4e00-\u9fff]/;

/** Asserts a refused request: the given 4xx status, never a 500 page, and a Chinese message. */
export async function expectRefused(
  res: APIResponse,
  status: number,
  message?: string | RegExp,
): Promise<string> {
  const body = await res.text();
  expect(res.status(), body.slice(0, 300)).toBe(status);
  expect(body).not.toContain("服务器出错了");
  expect(body).toMatch(CHINESE);
  if (message) expect(body).toMatch(message);
  return body;
}
