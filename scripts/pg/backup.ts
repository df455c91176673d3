// Backups on PostgreSQL: pg_dump in its custom format (compressed, restorable table by table),
// checked by listing the archive with pg_restore; restore with pg_restore --clean in one
// transaction after keeping a dump of the current database beside the backups.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pgProgram } from "./bin.ts";

const run = (program: string, args: string[]) =>
  execFileSync(pgProgram(program), args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

export function pgBackup(url: string, dir: string, label = ""): string {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const target = path.join(dir, `${databaseName(url)}${label}-${stamp}.dump`);
  if (fs.existsSync(target)) throw new Error(`${target} already exists`);
  run("pg_dump", [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    `--file=${target}`,
    `--dbname=${url}`,
  ]);
  checkArchive(target);
  return target;
}

/** pg_restore --list reads the whole table of contents: a truncated or foreign file fails. */
export function checkArchive(file: string): number {
  const toc = run("pg_restore", ["--list", file]);
  const entries = toc.split("\n").filter((line) => /^\d+;/.test(line)).length;
  if (entries === 0) throw new Error(`${file} holds no database objects`);
  return entries;
}

export function pgRestore(url: string, file: string) {
  checkArchive(file);
  run("pg_restore", [
    "--clean",
    "--if-exists",
    "--no-owner",
    "--no-privileges",
    "--single-transaction",
    "--exit-on-error",
    `--dbname=${url}`,
    file,
  ]);
}
