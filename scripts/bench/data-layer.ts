// In-process micro-benchmark of the write rule (decision 0011): 1,000 read-modify-write
// transactions shaped like a quiz answer save (read the saved JSON, merge, update) and 5,000
// indexed selects, in one run on one throw-away database. (The Prisma and raw-writer variants
// it was first compared with are gone with Prisma's runtime; decision 0011 keeps the figures.)
// Usage: npx tsx scripts/bench/data-layer.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-data-"));
const file = path.join(dir, "bench.db");
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
  stdio: "ignore",
  env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
});
process.env.DATABASE_URL = `file:${file}`;
const { db, write, closeDb } = await import("../../app/data/db.server.ts");
const { ensureDbReady } = await import("../../app/data/ready.server.ts");
await ensureDbReady();
// The layer's own cost, without the disk: each save's fsync (synchronous = FULL) is the same
// for every variant and, on a shared disk, varies by milliseconds from run to run.
db();
await sql`PRAGMA synchronous = OFF`.execute(db());
const N = 1000;
const now = new Date();
for (const k of ["new"])
  await write((tx) =>
    tx.insertInto("Setting").values({ key: k, value: "{}", updatedAt: now }).execute(),
  );

async function time(label: string, n: number, fn: (i: number) => Promise<unknown> | unknown) {
  for (let i = 0; i < 50; i++) await fn(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  console.log(`${label.padEnd(52)} ${us.toFixed(1).padStart(7)} µs`);
}

// Two interleaved rounds: the first warms the JIT; the spread between rounds shows the noise.
for (let round = 1; round <= 2; round++) {
  await time(`save: write() + Kysely builder (new), round ${round}`, N, (i) =>
    write(async (tx) => {
      const cur = await tx
        .selectFrom("Setting")
        .select("value")
        .where("key", "=", "new")
        .executeTakeFirstOrThrow();
      const merged = { ...(JSON.parse(cur.value) as object), [i % 20]: "A" };
      await tx
        .updateTable("Setting")
        .set({ value: JSON.stringify(merged), updatedAt: new Date() })
        .where("key", "=", "new")
        .execute();
    }),
  );
}
await time("select: db() Kysely (new)", N * 5, () =>
  db()
    .selectFrom("Setting")
    .select(["key", "value", "updatedAt"])
    .where("key", "=", "new")
    .executeTakeFirst(),
);
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
