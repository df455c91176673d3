// `npm run db:migration:pg -- <folder of prisma/migrations>`: writes the PostgreSQL twin of an
// existing SQLite migration step (one made before `npm run db:migration` wrote both, or on a
// branch without it): the schema.prisma of the commit that added that folder, diffed against
// the schema.prisma of the commit that added the folder before it (git history; a folder not
// yet committed uses the working schema.prisma). Hand-written SQL (triggers) is not
// translated: the script says where to put its plpgsql twin.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isEmptyMigration, pgDiff } from "./pg/diff.ts";

const name = process.argv[2];
const sqliteDir = path.join("prisma", "migrations");
const folders = fs
  .readdirSync(sqliteDir)
  .filter((f) => /^\d{14}_/.test(f))
  .sort();
const index = name ? folders.indexOf(name) : -1;
if (index < 1) {
  console.error(
    `usage: npm run db:migration:pg -- <folder>, one of: ${folders.slice(1).join(", ") || "(none)"}`,
  );
  process.exit(2);
}

function schemaWhenAdded(folder: string): string {
  const file = `${sqliteDir}/${folder}/migration.sql`;
  const commit = execFileSync("git", ["log", "--diff-filter=A", "--format=%H", "--", file], {
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop();
  if (!commit) return fs.readFileSync("prisma/schema.prisma", "utf8");
  return execFileSync("git", ["show", `${commit}:prisma/schema.prisma`], { encoding: "utf8" });
}

const sql = pgDiff(schemaWhenAdded(folders[index - 1]!), schemaWhenAdded(name!));
const target = path.join("prisma", "migrations-pg", name!);
if (fs.existsSync(path.join(target, "migration.sql"))) {
  console.error(`${target}/migration.sql exists already: nothing written`);
  process.exit(1);
}
fs.mkdirSync(target, { recursive: true });
fs.writeFileSync(
  path.join(target, "migration.sql"),
  isEmptyMigration(sql)
    ? "-- No schema change in this step (its SQLite twin is hand-written SQL only).\n"
    : sql,
);
const handWritten = /CREATE TRIGGER|INSERT |UPDATE |DELETE /i.test(
  fs.readFileSync(path.join(sqliteDir, name!, "migration.sql"), "utf8"),
);
console.log(
  `wrote ${target}/migration.sql` +
    (handWritten
      ? `; ${sqliteDir}/${name}/migration.sql holds hand-written SQL: write its PostgreSQL twin into ${target}/triggers.sql`
      : ""),
);
