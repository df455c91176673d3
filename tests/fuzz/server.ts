// The fuzz suite's app: the production build on a fresh demo database, with write triggers
// that count every change outside the tables a request may legitimately touch when refused.
import Database from "better-sqlite3";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
export const FUZZ_DB = path.join(root, "tests/.tmp/fuzz.db");
const FILES_DIR = path.join(root, "tests/.tmp/fuzz-files");

/**
 * Tables a refused request may still write: the audit log (a refusal is audited), sessions
 * (last-seen time), the login counters of a real account and the rate-limit counters (every
 * non-GET request counts, decision 0017). Everything else must not change.
 */
export const UNWATCHED_TABLES = new Set([
  "AuditLog",
  "Session",
  "RateLimit",
  "_prisma_migrations",
  "_fuzz_writes",
]);

export const DEMO_ROLES = {
  ADMIN: ["admin", "Admin@2026"],
  AUDITOR: ["auditor", "Audit@2026"],
  MANAGER: ["manager", "Manager@2026"],
  STAFF: ["staff", "Staff@2026"],
  EXPERT: ["expert", "Expert@2026"],
  ENTERPRISE: ["enterprise", "Company@2026"],
} as const;
export type Role = keyof typeof DEMO_ROLES | "ANONYMOUS";

export function prepareDatabase(): Database.Database {
  fs.mkdirSync(path.dirname(FUZZ_DB), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    fs.rmSync(FUZZ_DB + suffix, { force: true });
  fs.rmSync(FILES_DIR, { recursive: true, force: true });
  const env = {
    ...process.env,
    DATABASE_URL: `file:${FUZZ_DB}`,
    CHECKPOINT_DISABLE: "1",
    DEMO_DATA: "true",
    // The seed's demo event material goes where the fuzz server reads files.
    FILES_DIR,
  };
  execFileSync(bin("prisma"), ["migrate", "deploy"], { stdio: "ignore", env });
  execFileSync(bin("tsx"), ["prisma/seed.ts"], { stdio: "ignore", env, cwd: root });
  execFileSync(bin("tsx"), ["scripts/content-sync.ts"], { stdio: "ignore", env, cwd: root });
  const db = new Database(FUZZ_DB);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE _fuzz_writes (n INTEGER NOT NULL); INSERT INTO _fuzz_writes VALUES (0);");
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  for (const t of tables.filter((t) => !UNWATCHED_TABLES.has(t)))
    for (const op of ["INSERT", "UPDATE", "DELETE"])
      db.exec(
        `CREATE TRIGGER "_fuzz_${t}_${op}" AFTER ${op} ON "${t}" BEGIN UPDATE _fuzz_writes SET n = n + 1; END;`,
      );
  return db;
}

/** Which table a write went to is not recorded; the count says whether any happened. */
export function writeCount(db: Database.Database): number {
  return db.prepare("SELECT n FROM _fuzz_writes").pluck().get() as number;
}

export async function startServer(
  port: number,
): Promise<{ base: string; stop: () => Promise<void> }> {
  if (!fs.existsSync(path.join(root, "server-build/index.js")))
    throw new Error("fuzz: run `npm run build` first (the suite tests the production build)");
  const child: ChildProcess = spawn(process.execPath, ["server-build/index.js"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${FUZZ_DB}`,
      FILES_DIR,
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000000",
      RATE_LIMIT_POST_PER_MINUTE: "1000000",
      LOG_LEVEL: "silent",
    },
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`fuzz: server exited: ${stderr}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function login(base: string, role: Exclude<Role, "ANONYMOUS">): Promise<string> {
  const [username, password] = DEMO_ROLES[role];
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (res.status !== 302 || !cookie)
    throw new Error(`fuzz: login as ${role} answered ${res.status}`);
  return cookie;
}
