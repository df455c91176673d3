// Makes a new migration offline: `npm run db:migration -- <name>`.
// `prisma migrate dev` needs a shadow database that fails with the adapter, so
// we diff the last committed schema.prisma (git HEAD) against the working one.
// The same step is written for PostgreSQL (prisma/migrations-pg, same folder name), diffed
// from the same two schemas with provider "postgresql" (scripts/pg/diff.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pgDiff } from "./pg/diff.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}
const schema = "prisma/schema.prisma";
let from = ["--from-empty"];
let previous: string | null = null;
try {
  previous = execFileSync("git", ["show", `HEAD:${schema}`], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.prisma");
  fs.writeFileSync(tmp, previous);
  from = ["--from-schema-datamodel", tmp];
} catch {
  // no committed schema yet: the first migration starts from an empty database
}
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
  { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
);
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.error("schema.prisma has no changes against HEAD: nothing to do");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
const lock = path.join("prisma", "migrations", "migration_lock.toml");
if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "sqlite"\n');
const pgDir = path.join("prisma", "migrations-pg", `${stamp}_${name}`);
fs.mkdirSync(pgDir, { recursive: true });
fs.writeFileSync(
  path.join(pgDir, "migration.sql"),
  pgDiff(previous, fs.readFileSync(schema, "utf8")),
);
console.log(
  `wrote ${dir}/migration.sql and ${pgDir}/migration.sql; add hand-written SQL (triggers) to both ` +
    `(PostgreSQL's as plpgsql in a separate file of its folder, e.g. triggers.sql), then run ` +
    `npm run db:deploy (SQLite) or npm run db:migrate:pg (PostgreSQL)`,
);
