import { Kysely, SqliteDialect, sql, type Compilable, type Transaction } from "kysely";
import { sqliteFilePath } from "#app/utils/db.server.ts";
import {
  DatabaseBusyError,
  isUniqueViolation,
  RETRY_AFTER_SECONDS,
  WRITE_WAIT_MS,
} from "./errors.ts";
import type { DB } from "./schema.generated.ts";
import { isSqliteBusy, openSqlite, type SqliteConnection } from "./sqlite.server.ts";

// The one data layer (decision 0011): a typed Kysely query builder over one connection, one
// rule for write transactions (`write`), one for streaming reads (`streamRead`). Everything
// dialect-specific (how a write transaction begins, which errors mean "busy") sits in DIALECT.

export type { DB };
/** What module functions take: the shared handle for reads, or the transaction inside `write`. */
export type Q = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;

const DIALECT = {
  /** SQLite: take the write lock up front, so a transaction never fails half-way on it. */
  beginWrite: "BEGIN IMMEDIATE",
  isBusy: isSqliteBusy,
};

export { DatabaseBusyError, isUniqueViolation, RETRY_AFTER_SECONDS, WRITE_WAIT_MS };

declare global {
  var __kysely: { db: Kysely<DB>; conn: SqliteConnection } | undefined;
}

function shared() {
  if (!globalThis.__kysely) {
    const conn = openSqlite(sqliteFilePath());
    globalThis.__kysely = {
      conn,
      db: new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) }),
    };
  }
  return globalThis.__kysely;
}

/** The shared query handle: reads, and writes through `write` only (lint, decision 0011). */
export function db(): Kysely<DB> {
  return shared().db;
}

/** Closes the shared connection (tests, shutdown). */
export async function closeDb(): Promise<void> {
  const k = globalThis.__kysely;
  globalThis.__kysely = undefined;
  await k?.db.destroy();
}

// why: SQLITE_FULL / SQLITE_IOERR at COMMIT cannot be produced on demand on a healthy disk;
// tests set this to throw such an error in place of the real COMMIT, leaving the transaction
// open exactly as a failed COMMIT does, to prove nothing stays held afterwards.
export const faults: { beforeCommit?: () => void } = {};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type WriteOptions = { waitMs?: number };

/**
 * THE write rule. Runs `fn` in one write transaction: all of it commits or none.
 * - SQLite: BEGIN IMMEDIATE with busy timeout 0; when another connection or process holds the
 *   lock, the call waits asynchronously (1, 2, 4 … 50 ms, the event loop keeps serving) and
 *   tries again, for up to `waitMs`; then DatabaseBusyError (503), nothing written.
 * - `fn` does database work only: no fetch, file or mail I/O inside (do it before or after),
 *   so the write lock is held for microseconds. It may run again after a busy failure.
 * - Every error path rolls back and releases the connection, whatever threw (BEGIN, `fn`,
 *   COMMIT): the next write always starts clean.
 * PostgreSQL (issue 13): the same function with a serialisable BEGIN, retrying 40001/40P01.
 */
export async function write<T>(
  fn: (tx: Kysely<DB>) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? WRITE_WAIT_MS);
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    const outcome = await db()
      .connection()
      .execute(async (conn) => {
        try {
          await sql.raw(DIALECT.beginWrite).execute(conn);
        } catch (error) {
          if (DIALECT.isBusy(error)) return { busy: error };
          throw error;
        }
        try {
          const value = await fn(conn);
          faults.beforeCommit?.();
          await sql.raw("COMMIT").execute(conn);
          return { value };
        } catch (error) {
          await rollbackQuietly(conn);
          if (DIALECT.isBusy(error)) return { busy: error };
          throw error;
        }
      });
    if ("value" in outcome) return outcome.value as T;
    if (Date.now() + wait > deadline) throw new DatabaseBusyError(outcome.busy);
    await sleep(wait);
  }
}

async function rollbackQuietly(conn: Kysely<DB>) {
  try {
    await sql.raw("ROLLBACK").execute(conn);
  } catch {
    // SQLite may have rolled back on its own (FULL, IOERR): "no transaction is active".
  }
}

/** SQL not yet written with the builder (phase 2 of decision 0011): text and its parameters. */
export type RawQuery = { sql: string; parameters: ReadonlyArray<unknown> };

/**
 * A streaming read on a connection of its own, opened here and closed when the iteration ends
 * (finished, `break`, or `return()` when the client goes away). Every export uses it: a slow
 * client keeps only its own connection busy, never the shared one (issue 11 item 8).
 */
export async function* streamRead<R>(
  query: (q: Kysely<DB>) => Compilable<R> | RawQuery,
): AsyncGenerator<R> {
  const conn = openSqlite(sqliteFilePath(), { readonly: true });
  try {
    const own = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) });
    const q = query(own);
    const { sql: text, parameters } = "compile" in q ? q.compile() : q;
    let n = 0;
    for (const row of conn.prepare(text).iterate(parameters) as Iterable<R>) {
      yield row;
      // A long export yields the event loop now and then even when its client reads fast.
      if (++n % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    conn.close();
  }
}

/**
 * For /healthz: a write transaction begins and commits within `ms` (it writes nothing).
 * A writer stuck behind a held lock, a full or read-only disk makes this false.
 */
export async function canWrite(ms = 1000): Promise<boolean> {
  try {
    await write(
      async (tx) => {
        await sql`SELECT 1`.execute(tx);
      },
      { waitMs: ms },
    );
    return true;
  } catch {
    return false;
  }
}
