// PostgreSQL DDL from the one schema (prisma/schema.prisma): a copy with provider
// "postgresql" is diffed offline by `prisma migrate diff` (see prisma/pg/prisma.config.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The schema text with its datasource switched to PostgreSQL. */
export function toPgSchema(schema: string): string {
  const pg = schema.replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  if (pg === schema) throw new Error('schema.prisma: no datasource with provider = "sqlite"');
  return pg;
}

/**
 * The PostgreSQL script that turns a database built from `from` (null: empty) into one built
 * from `to` (both SQLite schema texts). Prisma's log lines and its CREATE SCHEMA for "public"
 * (which exists, and which a restricted role on a managed database may not create) are dropped.
 */
export function pgDiff(from: string | null, to: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgdiff-"));
  try {
    const toFile = path.join(dir, "to.prisma");
    fs.writeFileSync(toFile, toPgSchema(to));
    let fromArgs = ["--from-empty"];
    if (from !== null) {
      const fromFile = path.join(dir, "from.prisma");
      fs.writeFileSync(fromFile, toPgSchema(from));
      fromArgs = ["--from-schema-datamodel", fromFile];
    }
    const out = execFileSync(
      path.join(root, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--config", path.join(root, "prisma/pg/prisma.config.ts")].concat(
        fromArgs,
        ["--to-schema-datamodel", toFile, "--script"],
      ),
      {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          CHECKPOINT_DISABLE: "1",
          PG_DIFF_SCHEMA: toFile,
          DATABASE_URL: "postgresql://offline@localhost/offline",
        },
      },
    );
    return out
      .split("\n")
      .filter((line) => !/^(Loaded Prisma config|Prisma config detected|warn )/.test(line))
      .join("\n")
      .replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, "")
      .trimStart();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function isEmptyMigration(sql: string): boolean {
  return !sql.trim() || /^-- This is an empty migration/.test(sql.trim());
}
