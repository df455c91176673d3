// `npm run bench:cpu -- <path> <role|-> <requests> <checkout> [<checkout> ...]`: server CPU per
// request of one page, for two builds side by side. Throughput figures mean nothing on a busy
// machine; CPU time per request (utime + stime of the server process from /proc) is the figure
// that survives other work. Each checkout's production build (server-build/index.js, so run
// `npm run build` there first) is started in turn on BENCH_CPU_PORT (3290) against the bench
// database (BENCH_CPU_DB, default: a fresh copy of the bench's scale seed, data/bench/scale.db from
// data/bench/scale.seed.db, seeded once when missing: scripts/bench/database.ts), signed in as the
// demo account <role> (or anonymous with -), warmed up, then loaded with <requests> requests at 8
// connections. The checkouts run A, B, A, B …: compare medians of several runs, never one figure.
// Linux only (/proc). Used for the per-branch figures in decision 0014's session 9 sections.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEMO_ACCOUNTS } from "../prisma/seed/demo-accounts.ts";
import { commandRunner, prepareBenchDatabase } from "./bench/database.ts";

const [page = "", role = "", count, ...checkouts] = process.argv.slice(2);
if (!page.startsWith("/") || !role || !Number(count) || checkouts.length === 0) {
  console.error(
    "usage: npm run bench:cpu -- <path> <role|-> <requests> <checkout> [<checkout> ...]",
  );
  process.exit(2);
}
const requests = Number(count);
const port = Number(process.env.BENCH_CPU_PORT ?? 3290);
const root = path.resolve(import.meta.dirname, "..");
const db = process.env.BENCH_CPU_DB
  ? path.resolve(process.env.BENCH_CPU_DB)
  : prepareBenchDatabase(root, false, commandRunner(root)).file;
const origin = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** utime + stime of a process, in clock ticks (10 ms on Linux). */
function ticks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function signIn(): Promise<Record<string, string>> {
  if (role === "-") return {};
  const account = DEMO_ACCOUNTS.find((a) => a.username === role);
  if (!account) throw new Error(`no demo account "${role}"`);
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ username: role, password: account.password }),
  });
  if (res.status !== 302) throw new Error(`login as ${role}: HTTP ${res.status}`);
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

function load(amount: number, headers: Record<string, string>) {
  return autocannon({ url: origin + page, connections: 8, amount, headers });
}

for (const checkout of [...checkouts, ...checkouts]) {
  const child = spawn(process.execPath, ["server-build/index.js"], {
    cwd: checkout,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `file:${db}`,
      LOG_LEVEL: "error",
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000",
    },
  });
  try {
    let up = false;
    for (let i = 0; i < 150 && !up; i++) {
      await sleep(200);
      up = await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    }
    if (!up) throw new Error(`${checkout}: no answer on ${origin}/healthz`);
    await sleep(3000); // the statute index is built in slices after start
    const headers = await signIn();
    await load(Math.max(300, Math.round(requests / 3)), headers);
    const before = ticks(child.pid!);
    const result = await load(requests, headers);
    const cpuMs = ((ticks(child.pid!) - before) * 10) / requests;
    const size = (await (await fetch(origin + page, { headers })).text()).length;
    console.log(
      `${checkout}  ${page} as ${role}: ${cpuMs.toFixed(2)} ms CPU a request (${result.requests.total} requests, ${result.non2xx} not 2xx, ${size} characters)`,
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await sleep(500);
  }
}
