// In-process cost of one rate-limit hit (decision 0017): express-rate-limit's memory store
// (per process, what the app had) against the shared database store (one UPSERT in a counter
// write: no fsync on SQLite, READ COMMITTED without the WAL flush wait on PostgreSQL), on a
// throw-away SQLite database.
// Usage: npx tsx scripts/bench/rate-limit.ts   (PostgreSQL: DATABASE_URL=postgresql://… on a
// migrated database)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MemoryStore, type Options } from "express-rate-limit";

if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rl-"));
  const file = path.join(dir, "bench.db");
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
  });
  process.env.DATABASE_URL = `file:${file}`;
}
const { dialectName, closeDb } = await import("../../app/data/db.server.ts");
const { DatabaseRateLimitStore } = await import("../../app/utils/rate-limit-store.server.ts");

const N = Number(process.env.BENCH_N ?? 2000);
const options = { windowMs: 60_000 } as Options;

async function time(label: string, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await fn(i); // warm-up
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await fn(i);
  const wall = Number(process.hrtime.bigint() - start) / 1000 / N;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / N;
  console.log(
    `${label.padEnd(58)} ${wall.toFixed(1).padStart(8)} µs wall ${cpuUs.toFixed(1).padStart(7)} µs CPU`,
  );
}

const memory = new MemoryStore();
memory.init(options);
const shared = new DatabaseRateLimitStore("bench:");
shared.init(options);
// 50 client addresses, as a small office behind one proxy would send.
const key = (i: number) => `10.0.0.${i % 50}`;

console.log(`${dialectName()}, ${N} hits each`);
for (let round = 1; round <= 2; round++) {
  await time(`memory store (per process), round ${round}`, (i) => memory.increment(key(i)));
  await time(`database store, round ${round}`, (i) => shared.increment(key(i)));
}
memory.shutdown();
await closeDb();
