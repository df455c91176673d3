// A throw-away PostgreSQL cluster for tests: initdb into a temp dir (trust auth, superuser
// `app`), a server that listens only on a Unix socket inside that dir (so parallel test files
// and other checkouts never fight over a TCP port), databases on demand, and removal.
// Binaries: Debian's `postgresql` package (/usr/lib/postgresql/<major>/bin, not on PATH).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { pgBinDir } from "../../scripts/pg/bin.ts";

export { pgBinDir };

export const INSTALL_HINT =
  "PostgreSQL binaries not found (initdb, pg_ctl). Install them with: apt-get install -y postgresql " +
  "(or set PG_BIN to the folder holding initdb and pg_ctl).";

/**
 * Whether the PostgreSQL suites can run here. When they cannot, say so loudly; with
 * REQUIRE_PG=1 (set by .ci/run) a missing installation is an error, so CI never passes with
 * the PostgreSQL suites skipped.
 */
export function pgAvailable(binDir = pgBinDir()): boolean {
  if (process.env.PG_TEST_URL || binDir) return true;
  if (process.env.REQUIRE_PG === "1") throw new Error(`REQUIRE_PG=1 but ${INSTALL_HINT}`);
  console.warn(`\n*** PostgreSQL suites SKIPPED: ${INSTALL_HINT} ***\n`);
  return false;
}

export type PgCluster = {
  dir: string;
  port: number;
  bin: string;
  /** postgresql:// URL of a database in this cluster (over the Unix socket). */
  url(database?: string): string;
  /** Creates a fresh database with a unique name and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): void | Promise<void>;
};

/**
 * PG_TEST_URL=postgresql://user@host:port/postgres runs the suites on an existing server (a
 * 信创 database, docs/deploy.md) instead: each test creates its own databases there and
 * drops them at the end. The role needs CREATEDB.
 */
function externalCluster(base: string): PgCluster {
  const created: string[] = [];
  let counter = 0;
  const url = (database = new URL(base).pathname.slice(1) || "postgres") => {
    const u = new URL(base);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    dir: "",
    port: Number(new URL(base).port || 5432),
    bin: pgBinDir(["pg_dump"]) ?? "",
    url,
    async createDatabase(prefix = "test") {
      const name = `${prefix}_${process.pid}_${++counter}`;
      await admin(`CREATE DATABASE "${name}"`);
      created.push(name);
      return url(name);
    },
    async stop() {
      for (const name of created.splice(0)) await admin(`DROP DATABASE IF EXISTS "${name}"`);
    },
  };
}

export async function startPgCluster(port = 5440): Promise<PgCluster> {
  if (process.env.PG_TEST_URL) return externalCluster(process.env.PG_TEST_URL);
  const bin = pgBinDir();
  if (!bin) throw new Error(INSTALL_HINT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgtest-"));
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: run the server as the postgres user, who owns the dir.
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : path.join(bin, cmd),
      asRoot ? ["-u", "postgres", "--", path.join(bin, cmd), ...args] : args,
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres", dir]);
  }
  const data = path.join(dir, "data");
  run("initdb", [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "app",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  const options = `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  const url = (database = "postgres") =>
    `postgresql://app@localhost:${port}/${database}?host=${encodeURIComponent(dir)}`;
  let stopped = false;
  let counter = 0;
  return {
    dir,
    port,
    bin,
    url,
    async createDatabase(prefix = "test") {
      const name = `${prefix}_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
