// In-process micro-benchmark of the quiz hot path (issue 12 phase 2): startAttempt, saveAnswers
// and submitAttempt through the module's own functions on one throw-away database, fsync off so
// the code's own cost shows. Given an older copy of app/modules/learning, it times both in the
// same process, interleaved (the machine is shared: compare rounds, not single figures):
//   mkdir -p tests/.tmp/old && for f in $(git ls-tree --name-only REV app/modules/learning/); do
//     git show REV:$f > tests/.tmp/old/$(basename $f); done
//   npx tsx scripts/bench/quiz.ts tests/.tmp/old
// Usage: npx tsx scripts/bench/quiz.ts [old-learning-dir]
import { sql } from "kysely";
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
const { ensureDbReady } = await import("../../app/data/ready.server.ts");
const { syncFixtureCourse, rightAnswers } =
  await import("../../tests/integration/learning-helpers.ts");
type QuizModule = typeof import("../../app/modules/learning/quiz.server.ts");
const variants: { label: string; quiz: QuizModule }[] = [
  { label: "new", quiz: await import("../../app/modules/learning/quiz.server.ts") },
];
if (process.argv[2])
  variants.push({
    label: "old",
    quiz: (await import(path.resolve(process.argv[2], "quiz.server.ts"))) as QuizModule,
  });
await ensureDbReady();
db();
await sql`PRAGMA synchronous = OFF`.execute(db());

const course = await syncFixtureCourse();
const N = 200;
const T0 = new Date();
const users = await write(async (tx) => {
  const out: { id: number; username: string }[] = [];
  for (let i = 0; i < N * 6; i++)
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
type Pool = { user: (typeof users)[number]; id: number; answers: Record<string, string[]> }[];
async function pool(quiz: QuizModule, from: number): Promise<Pool> {
  const out: Pool = [];
  for (const user of users.slice(from, from + 2 * N)) {
    const r = await quiz.startAttempt(user, course, T0, null);
    if (!r.ok) throw new Error(r.message);
    out.push({ user, id: r.attemptId, answers: await rightAnswers(r.attemptId) });
  }
  return out;
}
const pools = new Map<string, { attempts: Pool; next: number }>();
for (const [i, v] of variants.entries())
  pools.set(v.label, { attempts: await pool(v.quiz, i * 2 * N), next: 0 });

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  const used = process.cpuUsage(cpu);
  // CPU time of this process as well: on a shared machine the wall time mostly measures the others.
  const cpuUs = (used.user + used.system) / n;
  console.log(
    `${label.padEnd(40)} ${us.toFixed(1).padStart(8)} µs, CPU ${cpuUs.toFixed(1).padStart(8)} µs`,
  );
}

let starts = 0;
for (let round = 1; round <= 4; round++)
  for (const { label, quiz } of variants) {
    const p = pools.get(label)!;
    const base = p.next;
    // Quiz start: a new attempt per call, each for a learner who has none (users past the pools).
    const fresh = users.slice(4 * N + starts, 4 * N + starts + N / 4);
    starts += N / 4;
    await time(`startAttempt (${label}), round ${round}`, fresh.length, async (i) => {
      const r = await quiz.startAttempt(fresh[i]!, course, T0, null);
      if (!r.ok || r.resumed) throw new Error("startAttempt did not create an attempt");
    });
    await time(`saveAnswers (${label}), round ${round}`, N, async (i) => {
      const a = p.attempts[base + (i % 50)]!;
      const r = await quiz.saveAnswers(a.user, a.id, a.answers, T0);
      if (!r.ok) throw new Error(r.message);
    });
    await time(`submitAttempt (${label}), round ${round}`, N / 2, async () => {
      const a = p.attempts[p.next++]!;
      const r = await quiz.submitAttempt(a.user, a.id, a.answers, T0, null);
      if (!r.ok) throw new Error(r.message);
    });
  }
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
