// In-process micro-benchmark of the quiz hot path (issue 12 phase 2): saveAnswers and
// submitAttempt through the module's own functions on one throw-away database, fsync off so
// the code's own cost shows. Run it before and after a change to the attempt engine in one
// session (the machine is shared: compare rounds, not single figures).
// Usage: npx tsx scripts/bench/quiz.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-quiz-"));
const file = path.join(dir, "bench.db");
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
  stdio: "ignore",
  env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
});
process.env.DATABASE_URL = `file:${file}`;
const { db, write, closeDb } = await import("../../app/data/db.server.ts");
const { ensureDbReady, prisma, writeTx } = await import("../../app/utils/db.server.ts");
const { syncFixtureCourse, rightAnswers } =
  await import("../../tests/integration/learning-helpers.ts");
const quiz = await import("../../app/modules/learning/quiz.server.ts");
await ensureDbReady();
db();
globalThis.__kysely!.conn.raw.pragma("synchronous = OFF");
await writeTx(() => undefined);
globalThis.__sqliteWriter!.pragma("synchronous = OFF");

const course = await syncFixtureCourse();
const N = 300;
const T0 = new Date();
const users = await write(async (tx) => {
  const out: { id: number; username: string }[] = [];
  for (let i = 0; i < N * 2 + 100; i++)
    out.push(
      await tx
        .insertInto("User")
        .values({
          username: `bench${i}`,
          name: "测",
          role: "STAFF",
          passwordHash: "x",
          createdAt: T0,
          updatedAt: T0,
        })
        .returning(["id", "username"])
        .executeTakeFirstOrThrow(),
    );
  return out;
});
const attempts: { user: (typeof users)[number]; id: number; answers: Record<string, string[]> }[] =
  [];
for (const user of users) {
  const r = await quiz.startAttempt(user, course, T0, null);
  if (!r.ok) throw new Error(r.message);
  attempts.push({ user, id: r.attemptId, answers: await rightAnswers(r.attemptId) });
}

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  console.log(`${label.padEnd(40)} ${us.toFixed(1).padStart(8)} µs`);
}

let next = 0;
for (let round = 1; round <= 2; round++) {
  const base = next;
  await time(`saveAnswers, round ${round}`, N, async (i) => {
    const a = attempts[base + (i % 50)]!;
    const r = await quiz.saveAnswers(a.user, a.id, a.answers, T0);
    if (!r.ok) throw new Error(r.message);
  });
  await time(`submitAttempt, round ${round}`, N, async () => {
    const a = attempts[next++]!;
    const r = await quiz.submitAttempt(a.user, a.id, a.answers, T0, null);
    if (!r.ok) throw new Error(r.message);
  });
}
await closeDb();
await prisma.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
