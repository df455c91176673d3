// What the assignment-pair triggers cost (decisions 0007, 0010): a throw-away SQLite database
// migrated from prisma/migrations, a city-sized tree (2,170 units in four levels), 20,000 staff,
// 30 live assignments (SUBTREE, UNIT and USER targets). Then, each in one transaction: 10,000
// new staff in an office that 13 live assignments cover (130,000 pairs), a unit with 400 people
// moved, 2,000 staff moved; then through the data layer the pairs of a new city-wide assignment
// (filled from the coverage view) and checkPairs over everything.
// Usage: npx tsx scripts/db-bench-coverage.ts   (fsync off: the triggers' own cost shows)
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, write } from "../app/data/db.server.ts";
import { checkPairs, populateAssignmentPairs } from "../app/modules/assignments/pairs.server.ts";
import { resetEnvCache } from "../app/utils/env.server.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coverage-bench-"));
const file = path.join(dir, "bench.db");
const T0 = Date.UTC(2026, 0, 2);

// Wall time and this process's CPU time (user + system): on a loaded machine the CPU time is
// the steadier figure.
function timed(label: string, fn: () => void) {
  const t = performance.now();
  const c = process.cpuUsage();
  fn();
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms wall ${cpuMs.toFixed(0).padStart(6)} ms CPU`,
  );
}

try {
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
  });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");

  // The tree: root 1; 10 districts; 16 sections each; 13 offices each (2,171 units).
  const unit = db.prepare(
    `INSERT INTO OrgUnit (id, code, name, kind, tier, depth, path, parentId, createdAt, updatedAt)
     VALUES (?, ?, ?, 'UNIT', 1, ?, ?, ?, ?, ?)`,
  );
  const leaves: number[] = [];
  db.transaction(() => {
    let id = 1;
    unit.run(1, "U1", "市", 0, "/1/", null, T0, T0);
    for (let d = 0; d < 10; d++) {
      const did = ++id;
      unit.run(did, `U${did}`, `区${did}`, 1, `/1/${did}/`, 1, T0, T0);
      for (let s = 0; s < 16; s++) {
        const sid = ++id;
        unit.run(sid, `U${sid}`, `科${sid}`, 2, `/1/${did}/${sid}/`, did, T0, T0);
        for (let o = 0; o < 13; o++) {
          const oid = ++id;
          unit.run(oid, `U${oid}`, `室${oid}`, 3, `/1/${did}/${sid}/${oid}/`, sid, T0, T0);
          leaves.push(oid);
        }
      }
    }
  })();
  const course = db.prepare(
    `INSERT INTO Course (id, slug, title, category, audience, summary, creditHours, passMark,
       questionsPerAttempt, timeLimitMinutes, attemptLimit, version, active, updatedAt)
     VALUES (?, ?, '课程', 'LAW', 'STAFF', '', 2, 60, 10, 30, 3, 'v1', 1, ?)`,
  );
  for (let c = 1; c <= 6; c++) course.run(c, `c${c}`, T0);

  const user = db.prepare(
    `INSERT INTO User (id, username, name, role, passwordHash, disabled, orgUnitId, createdAt, updatedAt)
     VALUES (?, ?, '某人', 'STAFF', 'x', 0, ?, ?, ?)`,
  );
  const assignment = db.prepare(
    `INSERT INTO Assignment (id, title, dueAt, createdById, scopePath, createdAt) VALUES (?, '任务', ?, 1, '/1/', ?)`,
  );
  const target = db.prepare(
    `INSERT INTO AssignmentTarget (assignmentId, kind, orgUnitId, userId) VALUES (?, ?, ?, ?)`,
  );
  const ac = db.prepare(`INSERT INTO AssignmentCourse (assignmentId, courseId) VALUES (?, ?)`);
  // 30 assignments before the people: 10 city-wide, 10 on a district, 5 on a section's
  // subtree, 5 on one office (UNIT) plus 20 named people (USER targets).
  const target3 = leaves[0]!; // the office the new staff join: covered by 11 live assignments
  db.transaction(() => {
    for (let a = 1; a <= 30; a++) {
      assignment.run(a, T0 + 90 * 86_400_000, T0);
      for (let c = 1; c <= 1 + (a % 3); c++) ac.run(a, c);
      if (a <= 10) target.run(a, "SUBTREE", 1, null);
      else if (a <= 20) target.run(a, "SUBTREE", 2 + (a - 11) * 225, null);
      else if (a <= 25) target.run(a, "SUBTREE", a === 21 ? 3 : 3 + (a - 21) * 14, null);
      else {
        target.run(a, "UNIT", leaves[(a - 26) * 7]!, null);
        // Named people, before they exist: the triggers add them as they arrive.
        for (let k = 0; k < 4; k++) target.run(a, "USER", null, 1 + a * 100 + k);
      }
    }
  })();
  // Users 1..20,000 spread over the offices; the pairs are written by the triggers.
  let nextUser = 1;
  timed("insert 20,000 staff over the tree (≈ 15 pairs each)", () =>
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++, nextUser++)
        user.run(nextUser, `u${nextUser}`, leaves[i % leaves.length]!, T0, T0);
    })(),
  );
  const pairs = () =>
    (db.prepare("SELECT COUNT(*) AS n FROM AssignmentPerson").get() as { n: number }).n;
  console.log(`pairs after the seed: ${pairs()}`);

  const before = pairs();
  timed("insert 10,000 staff into one office (13 live assignments)", () =>
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++, nextUser++)
        user.run(nextUser, `u${nextUser}`, target3, T0, T0);
    })(),
  );
  console.log(`  pairs written: ${pairs() - before}`);
  const big = leaves[100]!;
  db.prepare("UPDATE User SET orgUnitId = ? WHERE id BETWEEN 1 AND 400").run(big);
  timed("move an office of ~420 people to another section", () =>
    db.transaction(() => {
      const newParent = 3 + 14 * 3;
      db.prepare("UPDATE OrgUnit SET parentId = ?, path = ? WHERE id = ?").run(
        newParent,
        `/1/2/${newParent}/${big}/`,
        big,
      );
    })(),
  );
  timed("move 2,000 staff one by one to other offices", () =>
    db.transaction(() => {
      const move = db.prepare("UPDATE User SET orgUnitId = ? WHERE id = ?");
      for (let i = 0; i < 2_000; i++) move.run(leaves[(i * 31) % leaves.length]!, 10_000 + i);
    })(),
  );
  db.prepare(
    "INSERT INTO Assignment (id, title, dueAt, createdById, scopePath, createdAt) VALUES (31, '任务', ?, 1, '/1/', ?)",
  ).run(T0 + 90 * 86_400_000, T0);
  ac.run(31, 1);
  target.run(31, "SUBTREE", 1, null);
  db.close();
  // Through the data layer on the same file: the pairs of a new city-wide assignment, as
  // createAssignment fills them, and the whole recomputation `npm run db:pairs` runs.
  process.env.DATABASE_URL = `file:${file}`;
  resetEnvCache();
  const started = performance.now();
  await write((tx) => populateAssignmentPairs(tx, [31]));
  console.log(
    `${"pairs of a new city-wide assignment (populateAssignmentPairs)".padEnd(58)} ${(performance.now() - started).toFixed(0).padStart(6)} ms wall`,
  );
  const checkStarted = performance.now();
  const check = await checkPairs();
  console.log(
    `${"checkPairs over every pair and counter".padEnd(58)} ${(performance.now() - checkStarted).toFixed(0).padStart(6)} ms wall ${JSON.stringify(check)}`,
  );
  await closeDb();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
