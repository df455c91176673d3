// `npm run db:seed:scale`: a fresh database shaped like the real city for
// benchmarks: 158 city-level units, 481 county/district-level units and 108
// townships/streets (747 in three tiers) with departments below them, 50,000
// staff, a manager per city-level unit and district, and the demo accounts.
// Writes to DATABASE_URL, default file:./data/scale.db, which it recreates.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "../app/utils/password.server.ts";
import { anshanTree, type UnitSpec } from "./seed/anshan.ts";
import { demoUserRows, GENERATED_STAFF_PASSWORD, hashDemoPasswords } from "./seed/demo-accounts.ts";
import { personName, rng } from "./seed/names.ts";
import { insertTree, insertUsers, type UserRow } from "./seed/writer.ts";

const started = Date.now();
const url = process.env.DATABASE_URL ?? "file:./data/scale.db";
const file = path.resolve(url.replace(/^file:/, ""));
const STAFF = Number(process.env.SCALE_STAFF ?? 50_000);

fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" } });

function scaleTree(): UnitSpec {
  const root = anshanTree();
  const top = root.children!;
  const cityUnits = top.filter((u) => u.kind === "UNIT");
  const districts = top.filter((u) => u.kind === "DISTRICT");
  for (let i = cityUnits.length; i < 158; i++) {
    const code = `AS-X${String(i).padStart(3, "0")}`;
    const unit = { code, name: `鞍山市第${i}市直单位`, kind: "UNIT", children: ["办公室", "法规科", "业务科"].map((n, k) => ({ code: `${code}-K${k + 1}`, name: n, kind: "DEPARTMENT" })) };
    top.push(unit);
    cityUnits.push(unit);
  }
  const tier2 = () => districts.length + districts.reduce((s, d) => s + d.children!.filter((c) => c.kind === "COUNTY_UNIT").length, 0);
  const tier3 = () => districts.reduce((s, d) => s + d.children!.filter((c) => c.kind === "TOWNSHIP").length, 0);
  for (let i = 0; tier2() < 481; i++) {
    const d = districts[i % districts.length]!;
    const code = `${d.code}-X${String(i).padStart(3, "0")}`;
    d.children!.push({ code, name: `${d.name}第${i}直属单位`, kind: "COUNTY_UNIT", children: ["综合科", "业务科"].map((n, k) => ({ code: `${code}-K${k + 1}`, name: n, kind: "DEPARTMENT" })) });
  }
  for (let i = 0; tier3() < 108; i++) {
    const d = districts[i % districts.length]!;
    d.children!.push({ code: `${d.code}-Y${String(i).padStart(3, "0")}`, name: `${d.name}第${i}街道`, kind: "TOWNSHIP" });
  }
  return root;
}

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL"); // a throw-away benchmark database: speed over durability here
const staffHash = await hashPassword(GENERATED_STAFF_PASSWORD);
const demoHashes = await hashDemoPasswords(hashPassword);

db.transaction(() => {
  const units = insertTree(db, scaleTree());
  const byCode = new Map(units.map((u) => [u.code, u]));
  const users: UserRow[] = demoUserRows(byCode, demoHashes);
  const random = rng(750);
  units.filter((u) => u.kind === "UNIT" || u.kind === "DISTRICT").forEach((u, i) => {
    users.push({ username: `M${String(i + 1).padStart(5, "0")}`, name: personName(random), role: "MANAGER", orgUnitId: u.id, mobile: null, passwordHash: staffHash, mustChangePassword: false });
  });
  const leaves = units.filter((u) => u.leaf);
  for (let n = 1; n <= STAFF; n++) {
    const unit = leaves[Math.floor(random() * leaves.length)]!;
    users.push({ username: `S${String(n).padStart(6, "0")}`, name: personName(random), role: "STAFF", orgUnitId: unit.id, mobile: `138${String(n).padStart(8, "0")}`, passwordHash: staffHash, mustChangePassword: false });
  }
  insertUsers(db, users);
  const tiers = db.prepare("SELECT tier, COUNT(*) AS n FROM OrgUnit WHERE kind <> 'DEPARTMENT' GROUP BY tier").all();
  console.log(`seed:scale ${file}: ${units.length} units (without departments by tier: ${JSON.stringify(tiers)}), ${users.length} users`);
})();
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
console.log(`seed:scale done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
