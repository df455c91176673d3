// Issue 11 item 20: db:restore refuses while a real server process holds the database, says how
// to stop it, and is not blocked forever by the pid file a kill -9 leaves behind.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const tmp = path.resolve("tests/.tmp");
const id = crypto.randomBytes(4).toString("hex");
const db = path.join(tmp, `restore-${id}.db`);
const backup = path.join(tmp, `restore-${id}-backup.db`);
const tsx = path.resolve("node_modules/.bin/tsx");
const env = {
  ...process.env,
  DATABASE_URL: `file:${db}`,
  NODE_ENV: "production" as const,
  LOG_LEVEL: "silent",
  HOST: "127.0.0.1",
  PORT: String(Number(process.env.E2E_PORT ?? 3410) + 9),
};
const children: ChildProcess[] = [];

/** The real server entry (server/index.ts); it loads the Remix build only when a request comes. */
async function startServer(): Promise<ChildProcess> {
  // node --import tsx: one process, so its pid is the server's (the tsx binary forks a child).
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.on("exit", () => resolve()),
  );

function restore() {
  return run(tsx, ["scripts/db-restore.ts", backup], { env }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout,
      err: e.stderr,
    }),
  );
}
const setAside = () =>
  fs.readdirSync(tmp).filter((f) => f.startsWith(`restore-${id}.db.before-restore-`));

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const f of fs.readdirSync(tmp))
    if (f.startsWith(`restore-${id}`)) fs.rmSync(path.join(tmp, f), { force: true });
});

describe("db:restore and a running server", () => {
  it("refuses while the server runs, saying how to stop it; restores once it has stopped", async () => {
    fs.copyFileSync(path.join(tmp, "template.db"), db);
    fs.copyFileSync(path.join(tmp, "template.db"), backup);
    const server = await startServer();
    expect(fs.existsSync(`${db}.server-${server.pid}.pid`)).toBe(true);
    const refused = await restore();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`pid ${server.pid}`);
    expect(refused.err).toMatch(/Stop the server first/);
    expect(setAside()).toEqual([]);

    server.kill("SIGTERM");
    await exited(server);
    expect(fs.existsSync(`${db}.server-${server.pid}.pid`)).toBe(false);
    const restored = await restore();
    expect(restored.code).toBe(0);
    expect(setAside()).toHaveLength(1);
  }, 90_000);

  it("is not blocked by the stale pid file of a server killed with kill -9", async () => {
    const server = await startServer();
    server.kill("SIGKILL");
    await exited(server);
    expect(fs.existsSync(`${db}.server-${server.pid}.pid`)).toBe(true);
    const restored = await restore();
    expect(restored.code).toBe(0);
    expect(restored.out).toContain("stale pid file");
    expect(fs.existsSync(`${db}.server-${server.pid}.pid`)).toBe(false);
  }, 90_000);
});
