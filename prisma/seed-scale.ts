// `npm run db:seed:scale`: a fresh database shaped like the real city for
// benchmarks: 158 city-level units, 481 county/district-level units and 108
// townships/streets (747 in three tiers) with departments below them, 50,000
// staff, a manager per city-level unit and district, and the demo accounts.
// Then the real courses (the content sync, run against this database), 18
// synthetic benchmark courses (scale-01 … scale-18) and a learning history:
// 500,000 completions (issue 4), 2,500,000 lesson-progress rows (a completion needs every
// lesson of its course read, so 500,000 completions alone take about 2,000,000; the rest are
// courses in progress), their quiz attempts and the CourseStatus summary (prisma/seed/learning.ts).
// Writes to DATABASE_URL, default file:./data/scale.db, which it recreates.
//   SCALE_STAFF (50000)  SCALE_PROGRESS (2500000)  SCALE_COMPLETIONS (500000)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { forBulkLoad } from "../app/data/bulk.server.ts";
import { closeDb, db, isPostgres, write } from "../app/data/db.server.ts";
import { hashPassword } from "../app/utils/password.server.ts";
import { anshanTree, type UnitSpec } from "./seed/anshan.ts";
import { demoUserRows, GENERATED_STAFF_PASSWORD, hashDemoPasswords } from "./seed/demo-accounts.ts";
import { personName, rng } from "./seed/names.ts";
import { insertLearningActivity, insertSyntheticCourses } from "./seed/learning.ts";
import { insertScaleAssignments } from "./seed/scale-assignments.ts";
import { insertScaleConsult } from "./seed/scale-consult.ts";
import { insertTree, insertUsers, isEmpty, type UserRow } from "./seed/writer.ts";

const started = Date.now();
let lapStarted = started;
const timings: [string, number][] = [];
const lap = (name: string) => {
  const t = Date.now();
  timings.push([name, (t - lapStarted) / 1000]);
  lapStarted = t;
};
const url = process.env.DATABASE_URL ?? "file:./data/scale.db";
const postgres = isPostgres(url);
const file = postgres ? "" : path.resolve(url.replace(/^file:/, ""));
const target = postgres ? "the PostgreSQL database" : file;
const STAFF = Number(process.env.SCALE_STAFF ?? 50_000);
const PROGRESS_ROWS = Number(process.env.SCALE_PROGRESS ?? 2_500_000);
const COMPLETIONS = Number(process.env.SCALE_COMPLETIONS ?? 500_000);
const dbUrl = postgres ? url : `file:${file}`;
// The data layer and the tools run below read this one.
process.env.DATABASE_URL = dbUrl;
const dbEnv = { ...process.env, DATABASE_URL: dbUrl, CHECKPOINT_DISABLE: "1" };
const tsx = (script: string, args: string[] = []) =>
  execFileSync(path.resolve("node_modules/.bin/tsx"), [script, ...args], {
    env: dbEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 600_000,
  });

if (postgres) {
  // PostgreSQL: the database is not recreated here; it must be empty (createdb beforehand).
  tsx("scripts/db-migrate-pg.ts");
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: dbEnv });
}
if (!(await isEmpty(db()))) {
  console.error(`seed:scale ${target} already has data; give an empty database`);
  process.exit(1);
}
lap("migrations");

function scaleTree(): UnitSpec {
  const root = anshanTree();
  const top = root.children!;
  const cityUnits = top.filter((u) => u.kind === "UNIT");
  const districts = top.filter((u) => u.kind === "DISTRICT");
  for (let i = cityUnits.length; i < 158; i++) {
    const code = `AS-X${String(i).padStart(3, "0")}`;
    const unit = {
      code,
      name: `鞍山市第${i}市直单位`,
      kind: "UNIT",
      children: ["办公室", "法规科", "业务科"].map((n, k) => ({
        code: `${code}-K${k + 1}`,
        name: n,
        kind: "DEPARTMENT",
      })),
    };
    top.push(unit);
    cityUnits.push(unit);
  }
  const tier2 = () =>
    districts.length +
    districts.reduce((s, d) => s + d.children!.filter((c) => c.kind === "COUNTY_UNIT").length, 0);
  const tier3 = () =>
    districts.reduce((s, d) => s + d.children!.filter((c) => c.kind === "TOWNSHIP").length, 0);
  for (let i = 0; tier2() < 481; i++) {
    const d = districts[i % districts.length]!;
    const code = `${d.code}-X${String(i).padStart(3, "0")}`;
    d.children!.push({
      code,
      name: `${d.name}第${i}直属单位`,
      kind: "COUNTY_UNIT",
      children: ["综合科", "业务科"].map((n, k) => ({
        code: `${code}-K${k + 1}`,
        name: n,
        kind: "DEPARTMENT",
      })),
    });
  }
  for (let i = 0; tier3() < 108; i++) {
    const d = districts[i % districts.length]!;
    d.children!.push({
      code: `${d.code}-Y${String(i).padStart(3, "0")}`,
      name: `${d.name}第${i}街道`,
      kind: "TOWNSHIP",
    });
  }
  return root;
}

await forBulkLoad(db());
const staffHash = await hashPassword(GENERATED_STAFF_PASSWORD);
const demoHashes = await hashDemoPasswords(hashPassword);
lap("password hashes");

await write(async (tx) => {
  const units = await insertTree(tx, scaleTree());
  const byCode = new Map(units.map((u) => [u.code, u]));
  const users: UserRow[] = demoUserRows(byCode, demoHashes);
  const random = rng(750);
  units
    .filter((u) => u.kind === "UNIT" || u.kind === "DISTRICT")
    .forEach((u, i) => {
      users.push({
        username: `M${String(i + 1).padStart(5, "0")}`,
        name: personName(random),
        role: "MANAGER",
        orgUnitId: u.id,
        mobile: null,
        passwordHash: staffHash,
        mustChangePassword: false,
      });
    });
  const leaves = units.filter((u) => u.leaf);
  for (let n = 1; n <= STAFF; n++) {
    const unit = leaves[Math.floor(random() * leaves.length)]!;
    users.push({
      username: `S${String(n).padStart(6, "0")}`,
      name: personName(random),
      role: "STAFF",
      orgUnitId: unit.id,
      mobile: `138${String(n).padStart(8, "0")}`,
      passwordHash: staffHash,
      mustChangePassword: false,
    });
  }
  await insertUsers(tx, users);
  const tiers = await tx
    .selectFrom("OrgUnit")
    .select((e) => ["tier", e.fn.countAll<number>().as("n")])
    .where("kind", "<>", "DEPARTMENT")
    .groupBy("tier")
    .orderBy("tier")
    .execute();
  console.log(
    `seed:scale ${target}: ${units.length} units (without departments by tier: ${JSON.stringify(tiers)}), ${users.length} users`,
  );
});
lap("units and users");

// The real courses, loaded the way production loads them (validation, markdown
// rendering, versions). It runs before the synthetic courses: the sync marks any
// course that is not in content/ inactive.
const sync = tsx("scripts/content-sync.ts");
for (const line of sync.trim().split("\n")) console.log(`seed:scale ${line}`);
lap("content sync (real courses)");

await write(async (tx) => {
  const synthetic = await insertSyntheticCourses(tx);
  console.log(
    `seed:scale synthetic courses: ${synthetic.courses} courses, ${synthetic.lessons} lessons, ${synthetic.questions} questions (slugs scale-01 …)`,
  );
  lap("synthetic courses");
  const r = await insertLearningActivity(tx, {
    progressRows: PROGRESS_ROWS,
    completions: COMPLETIONS,
  });
  for (const [name, s] of Object.entries(r.timings)) timings.push([`  ${name}`, s]);
  console.log(
    `seed:scale learning: ${r.learners} learners x ${r.courses} courses -> ${r.progressRows} lesson-progress rows (${r.unreadProgressRows} opened, not read), ` +
      `${r.completions} completions (by year ${JSON.stringify(r.completionsByYear)}; ${r.learnersWithCompletion} learners with at least one), ` +
      `${r.inProgressCourses} courses in progress, ${r.attempts} quiz attempts, ${r.courseStatusRows} CourseStatus rows`,
  );
});
lap("learning history (one transaction)");
// Issue 4: 30 assignments (10 city-wide, 20 to districts and city-level units) due this year.
await write((tx) => insertScaleAssignments(tx, new Date().getUTCFullYear()));
// The assignments were inserted as plain rows: fill their pairs and counters from the records
// with the database tool that also checks them (one definition of who an assignment covers).
const pairs = tsx("scripts/db-pairs.ts", ["--rebuild", "--no-check"]);
for (const line of pairs.trim().split("\n")) console.log(`seed:scale ${line}`);
lap("assignments");
// Issue 5: experts with busy calendars and enterprises to book with.
await write(async (tx) => {
  const c = await insertScaleConsult(tx, staffHash);
  console.log(
    `seed:scale consultations: ${c.experts} experts, ${c.enterprises} enterprises, ${c.bookings} bookings in the next 30 days`,
  );
});
lap("consultations");
// Closing the last SQLite connection checkpoints the WAL into the file.
await closeDb();
lap("checkpoint");
for (const [name, s] of timings) console.log(`seed:scale   ${name.padEnd(34)} ${s.toFixed(1)} s`);
console.log(`seed:scale done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
