import Database from "better-sqlite3";
import path from "node:path";
import { DatabaseBusyError, isUniqueViolation, WRITE_WAIT_MS } from "#app/data/errors.ts";
import { WriteRuleSqliteAdapter } from "#app/data/prisma-adapter.server.ts";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { env } from "./env.server.ts";

export type Prisma = PrismaClient;
/** Either the client or a transaction client: module functions accept both. */
export type Db = Omit<
  PrismaClient,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;

// Connection settings: see docs/decisions/0003-sqlite-settings.md.
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
];

export function sqliteFilePath(url = env().DATABASE_URL): string {
  return path.resolve(url.replace(/^file:/, ""));
}

function createPrisma(): PrismaClient {
  // BEGIN IMMEDIATE (decision 0003), busy timeout 0 and asynchronous retries, no mutex left held
  // on a failed BEGIN or COMMIT: app/data/prisma-adapter.server.ts (decision 0011).
  const adapter = new WriteRuleSqliteAdapter(
    { url: `file:${sqliteFilePath()}`, timeout: 0 },
    { timestampFormat: "unixepoch-ms" },
  );
  return new PrismaClient({ adapter });
}

function createReader(): Database.Database {
  // A second connection for hand-written SQL reads (rollups, counts): about
  // 30x cheaper per query than a Prisma model query on this stack.
  const db = new Database(sqliteFilePath(), { timeout: 5000 });
  for (const p of SQLITE_PRAGMAS) db.pragma(p.replace(/^PRAGMA /, ""));
  return db;
}

function createWriter(): Database.Database {
  // A third connection for the hot learning writes (decision 0003): synchronous transactions,
  // 30x cheaper per statement than Prisma's. Its busy timeout is 0: a busy database (Prisma's
  // connection inside an interactive transaction, waiting on the event loop) makes writeTx
  // wait asynchronously and retry, where a blocking wait would stall that very event loop.
  // WAL is a property of the file (set by the first connection); changing the journal mode here
  // would need a lock, and this connection must never wait for one synchronously.
  const db = new Database(sqliteFilePath(), { timeout: 0 });
  for (const p of SQLITE_PRAGMAS.filter((p) => !/journal_mode|busy_timeout/.test(p)))
    db.pragma(p.replace(/^PRAGMA /, ""));
  db.pragma("busy_timeout = 0");
  return db;
}

declare global {
  var __prisma: PrismaClient | undefined;
  var __prismaReady: Promise<void> | undefined;
  var __sqlite: Database.Database | undefined;
  var __sqliteWriter: Database.Database | undefined;
}

export const prisma: PrismaClient = (globalThis.__prisma ??= createPrisma());

/** Applies the pragmas on Prisma's connection; awaited before the first request. */
export function ensureDbReady(): Promise<void> {
  globalThis.__prismaReady ??= (async () => {
    // Not the busy timeout: Prisma's connection waits asynchronously (prisma-adapter.server.ts).
    for (const p of SQLITE_PRAGMAS.filter((p) => !/busy_timeout/.test(p)))
      await prisma.$queryRawUnsafe(p);
  })();
  return globalThis.__prismaReady;
}

export function sqlite(): Database.Database {
  globalThis.__sqlite ??= createReader();
  return globalThis.__sqlite;
}

export type Writer = Database.Database;

const isBusy = (e: unknown) =>
  typeof e === "object" && e !== null && /^SQLITE_BUSY/.test(String((e as { code?: string }).code));

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction on the writer connection: all of it commits or
 * none. `fn` is synchronous (no await inside), so the transaction never spans event-loop turns
 * and never blocks Prisma's. When the database is busy the whole call retries after a short
 * asynchronous wait, for up to 5 s, then throws DatabaseBusyError (a 503, nothing written).
 */
export async function writeTx<T>(fn: (db: Writer) => T): Promise<T> {
  globalThis.__sqliteWriter ??= createWriter();
  const db = globalThis.__sqliteWriter;
  const tx = db.transaction(() => fn(db));
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
    try {
      return tx.immediate();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() > deadline) throw new DatabaseBusyError(error);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** A prepared statement on the given connection (the reader or the writer), prepared once. */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/** One definition for every connection: app/data/errors.ts (decision 0011). */
export { isUniqueViolation };

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement on the raw reader, prepared once per connection (hot pages run the same SQL on every request). */
export function stmt(sql: string): Database.Statement {
  return prepared(sqlite(), sql);
}
