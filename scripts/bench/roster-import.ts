// Micro-benchmark of the roster import's database work (write() with multi-row Kysely INSERTs,
// 2,000 a statement, bare and as commitRoster ships it) and of the unit lookup every manager
// page makes (getUnit on db()). Rounds in one run on one throw-away database, fsync on as in
// production. (The Prisma and raw-reader variants it was once compared with are gone with
// Prisma's runtime, decision 0011.)
// Usage: npx tsx scripts/bench/roster-import.ts [rows=50000]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROWS = Number(process.argv[2] ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-roster-"));
const file = path.join(dir, "bench.db");
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
  stdio: "ignore",
  env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
});
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "silent";
const { write, closeDb } = await import("../../app/data/db.server.ts");
const { ensureDbReady } = await import("../../app/data/ready.server.ts");
const { commitRoster } = await import("../../app/modules/roster/import.server.ts");
const { getUnit } = await import("../../app/modules/org/org.server.ts");
await ensureDbReady();
const now = new Date();
const unit = await write((tx) =>
  tx
    .insertInto("OrgUnit")
    .values({
      code: "B",
      name: "B",
      kind: "BUREAU",
      tier: 1,
      depth: 0,
      path: "/1/",
      updatedAt: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow(),
);
const actor = { id: 1, username: "bench" };
const rowsFor = (prefix: string) =>
  Array.from({ length: ROWS }, (_, i) => ({
    line: i + 2,
    username: `${prefix}${i}`,
    name: "张三",
    mobile: null,
    role: "STAFF" as const,
    orgUnitId: unit.id,
    unitLabel: "B",
  }));

async function newWrite(prefix: string, hash: string) {
  const rows = rowsFor(prefix);
  const t = new Date();
  await write(async (tx) => {
    for (let start = 0; start < rows.length; start += 2000)
      await tx
        .insertInto("User")
        .values(
          rows.slice(start, start + 2000).map((r) => ({
            username: r.username,
            name: r.name,
            mobile: r.mobile,
            role: r.role,
            orgUnitId: r.orgUnitId,
            passwordHash: hash,
            mustChangePassword: true,
            disabled: false,
            failedLoginCount: 0,
            createdAt: t,
            updatedAt: t,
          })),
        )
        .execute();
  });
}

const ms = (start: bigint) =>
  (Number(process.hrtime.bigint() - start) / 1e6).toFixed(0).padStart(6);
const hash = "$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
for (let round = 1; round <= 3; round++) {
  let start = process.hrtime.bigint();
  await newWrite(`w${round}-`, hash);
  console.log(
    `import ${ROWS} rows: write() + Kysely INSERTs (new), round ${round} ${ms(start)} ms`,
  );
  // commitRoster as shipped, with a precomputed hash: its clash check plus the write.
  start = process.hrtime.bigint();
  const result = await commitRoster(actor, null, rowsFor(`n${round}-`), {
    hash: () => Promise.resolve(hash),
  });
  if (!result.ok) throw new Error(result.message);
  console.log(
    `import ${ROWS} rows: commitRoster, write() + Kysely (new), round ${round} ${ms(start)} ms`,
  );
}

const N = 5000;
for (let round = 1; round <= 2; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await getUnit(unit.id);
  console.log(
    `getUnit: db() (new), round ${round}: ${(Number(process.hrtime.bigint() - start) / 1000 / N).toFixed(1)} µs`,
  );
}
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
