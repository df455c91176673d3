import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
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

/** The e2e database the test server uses (prepared by scripts/run-e2e.mjs). */
export const E2E_DB_FILE = path.resolve("tests/.tmp/e2e.db");

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

/** Opens the e2e database read-only, runs `fn`, closes it. */
export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function sessionCount(userId?: number): number {
  return withDb((db) =>
    userId === undefined
      ? (db.prepare("SELECT COUNT(*) AS n FROM Session").get() as { n: number }).n
      : (
          db.prepare("SELECT COUNT(*) AS n FROM Session WHERE userId = ?").get(userId) as {
            n: number;
          }
        ).n,
  );
}

export type UserRow = {
  id: number;
  username: string;
  name: string;
  mobile: string | null;
  role: string;
  orgUnitId: number | null;
  failedLoginCount: number;
  lockedUntil: number | null;
  passwordHash: string;
  updatedAt: number;
};

export function userRow(username: string): UserRow {
  const row = withDb((db) => db.prepare("SELECT * FROM User WHERE username = ?").get(username)) as
    UserRow | undefined;
  if (!row) throw new Error(`no user ${username} in ${E2E_DB_FILE}`);
  return row;
}

export function userCount(): number {
  return withDb((db) => (db.prepare("SELECT COUNT(*) AS n FROM User").get() as { n: number }).n);
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
