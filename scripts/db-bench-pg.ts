// `npm run bench:pg` (issue 13): the PostgreSQL column beside SQLite, and one against two
// instances on PostgreSQL in requests per CPU-second of the app processes.
// A fresh copy of the bench's scale seed (data/bench/scale.seed.db, seeded once when missing:
// scripts/bench/database.ts) is measured on SQLite and copied into a throw-away PostgreSQL 15
// cluster (db:copy-to-pg's code), then one server on each database
// answers the page rows of scripts/bench/targets.ts, measured back to back row by row so both
// columns see the same machine load. The POST rows stay in `npm run bench` (SQLite): their
// scenarios write generated sessions and attempts with better-sqlite3.
// Efficiency: CPU seconds are read from /proc/<pid>/stat of the app processes only (this
// 2-core machine also runs the load generator and the database, so raw throughput cannot
// double); two instances each take half the connections. "One instance" is each instance measured
// alone in turn, after a warm-up pass of the second over the two-instance rows (a cold second
// instance would count its JIT warm-up as a cost of scaling out).
//   BENCH_SECONDS (5)  BENCH_CONNECTIONS (32)  BENCH_PORT (3300: SQLite, +1 and +2: PostgreSQL)
//   BENCH_ONLY=<regex> the page rows to run
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEMO_ACCOUNTS } from "../prisma/seed/demo-accounts.ts";
import { startPgCluster, type PgCluster } from "../tests/setup/pg-cluster.ts";
import { commandRunner, prepareBenchDatabase } from "./bench/database.ts";
import { TARGETS } from "./bench/targets.ts";
import { copySqliteToPg } from "./pg/copy.ts";
import { migratePg } from "./pg/migrate.ts";

const root = path.resolve(import.meta.dirname, "..");
const OUT_FILE = path.join(root, "data/bench/pg.json");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const TICKS = 100; // USER_HZ on Linux
/** The rows of the two-instance comparison: pages every role uses, one of them write-heavy. */
const EFFICIENCY_ROWS =
  /^(home as staff|catalogue as staff|我的学习 as staff|city overview as admin)$/;

type Server = { child: ChildProcess; port: number; origin: string };
type Sample = { rps: number; p99: number; cpuSeconds: number; requests: number; errors: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuSeconds(pid: number): number {
  // Fields after the ")" of the command: utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

async function start(port: number, databaseUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ["server-build/index.js"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "silent",
      RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
      RATE_LIMIT_POST_PER_MINUTE: "1000000",
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`bench:pg: the server on ${port} exited`);
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, port, origin };
    await sleep(100);
  }
  throw new Error(`bench:pg: the server on ${port} did not answer /healthz`);
}

async function login(origin: string, username: string): Promise<string | null> {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) return null;
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ username, password: account.password }),
  });
  await res.arrayBuffer();
  return (
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .find((c) => c.startsWith("fzxt_session=") && c.length > 13) ?? null
  );
}

/** Loads each server with its share of the connections at once; CPU of those processes only. */
async function load(
  parts: { server: Server; path: string; cookie: string | null; connections: number }[],
  warmOnly = false,
): Promise<Sample> {
  const run = (warm: boolean) =>
    Promise.all(
      parts.map((p) =>
        autocannon({
          url: p.server.origin + p.path,
          connections: p.connections,
          duration: warm ? 1 : SECONDS,
          headers: { accept: "text/html", ...(p.cookie ? { cookie: p.cookie } : {}) },
          timeout: 10,
        }),
      ),
    );
  await run(true);
  if (warmOnly) return { rps: 0, p99: 0, cpuSeconds: 0, requests: 0, errors: 0 };
  const before = parts.map((p) => cpuSeconds(p.server.child.pid!));
  const results = await run(false);
  const cpu = parts.reduce((s, p, i) => s + cpuSeconds(p.server.child.pid!) - before[i]!, 0);
  const requests = results.reduce((s, r) => s + r.requests.total, 0);
  return {
    rps: results.reduce((s, r) => s + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    cpuSeconds: cpu,
    requests,
    errors: results.reduce((s, r) => s + r.errors + r.non2xx, 0),
  };
}

async function main() {
  if (!fs.existsSync(path.join(root, "server-build/index.js")))
    throw new Error("bench:pg: run `npm run build` first");
  // The seed as it was seeded, not the last bench run's copy with its POST rows' writes.
  const { file: SCALE_DB } = prepareBenchDatabase(root, false, commandRunner(root));
  const cluster: PgCluster = await startPgCluster(PORT + 50);
  const servers: Server[] = [];
  try {
    const url = await cluster.createDatabase("bench");
    const started = Date.now();
    await migratePg(url);
    await copySqliteToPg(SCALE_DB, url, () => {});
    console.log(
      `bench:pg: scale database copied in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const sqlite = await start(PORT, `file:${SCALE_DB}`);
    servers.push(sqlite);
    const pgA = await start(PORT + 1, url);
    servers.push(pgA);
    const pgB = await start(PORT + 2, url);
    servers.push(pgB);

    const rows = TARGETS.filter(
      (t) =>
        !t.post && !t.reference && !t.invalidate && !t.firstLessonOf && !t.path.includes("export"),
    ).filter((t) => !ONLY || ONLY.test(t.name));
    const cookies = new Map<string, { sqlite: string | null; pg: string | null }>();
    for (const role of new Set(rows.map((r) => r.role).filter((r): r is string => !!r)))
      cookies.set(role, {
        sqlite: await login(sqlite.origin, role),
        pg: await login(pgA.origin, role),
      });

    // The second instance answers nothing until the first two-instance row, while the first has
    // served every row before it: measured cold, its JIT warm-up would count as a cost of the
    // second instance. So it gets a warm-up pass over the rows first, and "one instance" below is
    // both instances measured alone, one after the other.
    for (const row of rows.filter((r) => EFFICIENCY_ROWS.test(r.name))) {
      const c = row.role ? cookies.get(row.role) : undefined;
      const connections = row.connections ?? CONNECTIONS;
      for (let i = 0; i < 3; i++)
        await load([{ server: pgB, path: row.path, cookie: c?.pg ?? null, connections }], true);
    }

    const table: Record<string, unknown>[] = [];
    for (const row of rows) {
      const c = row.role ? cookies.get(row.role) : undefined;
      const connections = row.connections ?? CONNECTIONS;
      const s = await load([
        { server: sqlite, path: row.path, cookie: c?.sqlite ?? null, connections },
      ]);
      const p = await load([{ server: pgA, path: row.path, cookie: c?.pg ?? null, connections }]);
      const entry: Record<string, unknown> = {
        row: row.name,
        conns: connections,
        "SQLite req/s": Math.round(s.rps),
        "PG req/s": Math.round(p.rps),
        "PG/SQLite": +(p.rps / s.rps).toFixed(2),
        "SQLite p99": s.p99,
        "PG p99": p.p99,
        errors: s.errors + p.errors,
      };
      if (EFFICIENCY_ROWS.test(row.name)) {
        const half = Math.max(1, Math.floor(connections / 2));
        const b = await load([{ server: pgB, path: row.path, cookie: c?.pg ?? null, connections }]);
        const two = await load([
          { server: pgA, path: row.path, cookie: c?.pg ?? null, connections: half },
          { server: pgB, path: row.path, cookie: c?.pg ?? null, connections: half },
        ]);
        const one = (p.requests + b.requests) / (p.cpuSeconds + b.cpuSeconds);
        const both = two.requests / two.cpuSeconds;
        Object.assign(entry, {
          "1 inst req/CPU-s": Math.round(one),
          "2 inst req/CPU-s": Math.round(both),
          "2 vs 1": +(both / one).toFixed(2),
          errors: (entry.errors as number) + b.errors + two.errors,
        });
      }
      console.log(`bench:pg: ${JSON.stringify(entry)}`);
      table.push(entry);
    }
    console.table(table);
    fs.writeFileSync(
      OUT_FILE,
      JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, rows: table }, null, 2),
    );
    console.log(`bench:pg: results written to ${path.relative(root, OUT_FILE)}`);
  } finally {
    for (const s of servers) s.child.kill("SIGTERM");
    await sleep(500);
    await cluster.stop();
  }
}

await main();
