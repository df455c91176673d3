// Issue 13: `DATABASE_URL=postgresql://… npm start` on a fresh PostgreSQL database migrates,
// seeds, syncs the content and serves; the demo accounts log in with a real POST and the pages
// answer 200. Runs the production build (`npm run build` first), as tests/fuzz does.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

const ACCOUNTS = {
  admin: "Admin@2026",
  auditor: "Audit@2026",
  manager: "Manager@2026",
  staff: "Staff@2026",
  expert: "Expert@2026",
  enterprise: "Company@2026",
} as const;
type Account = keyof typeof ACCOUNTS;

/** [account, path]: every page each account lands on. */
const PAGES: [Account, string][] = [
  ["admin", "/"],
  ["admin", "/admin/users"],
  ["admin", "/admin/settings"],
  ["admin", "/admin/bookings"],
  ["admin", "/admin/experts"],
  ["admin", "/admin/enterprises"],
  ["admin", "/admin/citations"],
  ["admin", "/admin/import"],
  ["admin", "/laws"],
  ["admin", "/account/profile"],
  ["auditor", "/audit"],
  ["manager", "/manage/exam"],
  ["manager", "/manage/assignments"],
  ["manager", "/manage/overview"],
  ["manager", "/manage/assignments/new"],
  ["staff", "/"],
  ["staff", "/learn"],
  ["staff", "/learn/courses"],
  ["staff", "/learn/exam"],
  ["staff", "/learn/wrong-answers"],
  ["staff", "/notifications"],
  ["expert", "/expert"],
  ["expert", "/expert/availability"],
  ["enterprise", "/consult"],
  ["enterprise", "/consult/new"],
];

type Server = { base: string; child: ChildProcess; log: () => string };

async function serve(
  command: string[],
  env: Record<string, string>,
  port: number,
): Promise<Server> {
  const child = spawn(process.execPath, command, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000000",
      RATE_LIMIT_POST_PER_MINUTE: "1000000",
      LOG_LEVEL: "error",
      ...env,
    },
  });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, child, log: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`server did not answer /healthz:\n${output}`);
}

async function stop(server: Server | undefined) {
  if (!server || server.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    server.child.once("exit", () => resolve());
    server.child.kill("SIGTERM");
  });
}

/** Logs in with the login form's POST; returns the session cookie. */
async function login(base: string, username: Account): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ username, password: ACCOUNTS[username] }).toString(),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  expect(res.status, `login as ${username}`).toBe(302);
  expect(cookie).toMatch(/=/);
  return cookie;
}

async function status(base: string, cookie: string, page: string) {
  const res = await fetch(`${base}${page}`, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  return res.status;
}

const built =
  fs.existsSync(path.join(root, "server-build/index.js")) &&
  fs.existsSync(path.join(root, "build/server/index.js"));

describe.skipIf(!pgAvailable())("npm start on PostgreSQL", () => {
  let cluster: PgCluster;
  let dir: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    if (!built)
      throw new Error("run `npm run build` first (this suite tests the production build)");
    cluster = await startPgCluster(5453);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "start-pg-"));
  });

  afterAll(async () => {
    for (const s of servers) await stop(s);
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("the built server on a migrated and seeded database", () => {
    let server: Server;
    const cookies = new Map<Account, string>();

    beforeAll(async () => {
      const url = await cluster.createDatabase("serve");
      const env = { ...process.env, DATABASE_URL: url, DEMO_DATA: "true" };
      execFileSync(tsx, ["scripts/db-migrate-pg.ts"], { cwd: root, env, stdio: "ignore" });
      execFileSync(tsx, ["prisma/seed.ts"], { cwd: root, env, stdio: "ignore" });
      server = await serve(
        ["server-build/index.js"],
        { DATABASE_URL: url, FILES_DIR: path.join(dir, "files-serve") },
        3444,
      );
      servers.push(server);
    }, 180_000);

    it("answers the public pages and writes no SQLite file for a postgresql:// URL", async () => {
      for (const page of ["/healthz", "/login", "/about", "/register", "/verify"])
        expect(await status(server.base, "", page), page).toBe(200);
      expect(fs.readdirSync(root).filter((f) => /^postgres/.test(f))).toEqual([]);
    });

    it("logs every demo account in with a real POST (a session row on PostgreSQL)", async () => {
      for (const account of Object.keys(ACCOUNTS) as Account[])
        cookies.set(account, await login(server.base, account));
    });

    for (const [account, page] of PAGES)
      it(`${account}: ${page} answers 200`, async () => {
        const cookie = cookies.get(account) ?? (await login(server.base, account));
        expect(await status(server.base, cookie, page), server.log()).toBe(200);
      });
  });

  // The whole `npm start`: migrations, seed, content sync, serve.
  it("npm start on an empty database migrates, seeds, syncs the content and serves; the admin logs in", async () => {
    const url = await cluster.createDatabase("start");
    const server = await serve(
      ["scripts/start.mjs"],
      { DATABASE_URL: url, FILES_DIR: path.join(dir, "files-start") },
      3445,
    );
    servers.push(server);
    expect(server.log()).toMatch(/seed: demo city with 219 units/);
    const cookie = await login(server.base, "admin");
    // The catalogue is for learners (LEARNER_ROLES): the admin gets the management pages.
    for (const page of ["/", "/admin/users", "/manage/overview", "/laws"])
      expect(await status(server.base, cookie, page), page).toBe(200);
    const staff = await login(server.base, "staff");
    expect(await status(server.base, staff, "/learn/courses")).toBe(200);
  }, 600_000);
});
