import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Compilable,
  type CompiledQuery,
  type Transaction,
} from "kysely";
import { env } from "#app/utils/env.server.ts";
import {
  DatabaseBusyError,
  isUniqueViolation,
  RETRY_AFTER_SECONDS,
  WRITE_WAIT_MS,
} from "./errors.ts";
import { beginWrite, isPgBusy, openPgPool, pgStream, PROBE_WRITE } from "./postgres.server.ts";
import type { DB } from "./schema.generated.ts";
import {
  counterNow,
  isSqliteBusy,
  openSqlite,
  sqliteFilePath,
  sqliteStream,
} from "./sqlite.server.ts";
import { walFileSync, WalSync } from "./wal-sync.server.ts";

// The one data layer (decision 0011): a typed Kysely query builder over one connection (SQLite)
// or a pool (PostgreSQL, `DATABASE_URL=postgresql://…`), one rule for write transactions
// (`write`), one for streaming reads (`streamRead`). What differs between the dialects (how a
// write transaction begins, which errors mean "busy", the stream) sits in DIALECTS below and in
// sqlite.server.ts / postgres.server.ts.

export type { DB };
/** What module functions take: the shared handle for reads, or the transaction inside `write`. */
export type Q = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;

export { DatabaseBusyError, isUniqueViolation, RETRY_AFTER_SECONDS, WRITE_WAIT_MS };

export const isPostgres = (url = env().DATABASE_URL) => /^postgres(ql)?:\/\//.test(url);

type Dialect = {
  name: "sqlite" | "postgres";
  db: Kysely<DB>;
  /** The statements that begin a write transaction, given the time the write has left. */
  beginWrite(remainingMs: number, counter: boolean): string;
  /**
   * SQLite in WAL mode: resolves once the WAL is on disk (decision 0025); every write but a
   * counter waits for it after its COMMIT, with the connection already free for others.
   */
  walSync?: WalSync;
  /** A seed filling the database (forBulkLoad): its writes do not wait for the WAL sync. */
  bulkLoad?: boolean;
  close?: () => Promise<void>;
  /** SQLite: a counter write at once, or undefined when it has to wait (counterNow). */
  counterNow?: (query: CompiledQuery) => unknown[] | undefined;
  isBusy(error: unknown): boolean;
  /** A statement that only a writable database runs (canWrite). */
  probeWrite: string;
  stream(text: string, parameters: ReadonlyArray<unknown>): AsyncGenerator<unknown>;
};

function openDialect(url: string): Dialect {
  if (isPostgres(url)) {
    const { DATABASE_POOL_MAX: max, DATABASE_PREPARED: prepared } = env();
    return {
      name: "postgres",
      db: new Kysely<DB>({
        dialect: new PostgresDialect({ pool: openPgPool(url, max, prepared) }),
      }),
      beginWrite,
      isBusy: isPgBusy,
      probeWrite: PROBE_WRITE,
      stream: (text, parameters) => pgStream(url, text, parameters),
    };
  }
  const file = sqliteFilePath(url);
  const connection = openSqlite(file, { deferSync: true });
  const wal = connection.deferredSync ? walFileSync(file) : undefined;
  return {
    name: "sqlite",
    db: new Kysely<DB>({ dialect: new SqliteDialect({ database: connection }) }),
    // Take the write lock up front, so a transaction never fails half-way on it.
    beginWrite: () => "BEGIN IMMEDIATE",
    walSync: wal && new WalSync(() => (faults.walSync ?? wal.sync)()),
    close: wal?.close,
    counterNow: (query) => counterNow(connection, query.sql, query.parameters),
    isBusy: isSqliteBusy,
    probeWrite: "SELECT 1",
    stream: (text, parameters) => sqliteStream(file, text, parameters),
  };
}

declare global {
  var __kysely: Dialect | undefined;
}

function shared(): Dialect {
  globalThis.__kysely ??= openDialect(env().DATABASE_URL);
  return globalThis.__kysely;
}

/** Which database this process serves from. */
export function dialectName(): Dialect["name"] {
  return shared().name;
}

/** forBulkLoad (bulk.server.ts): a seed's writes on SQLite stop waiting for the WAL sync. */
export function markBulkLoad(): void {
  shared().bulkLoad = true;
}

/** Syncs of the WAL begun by the write rule so far (tests: commits share them). */
export const walSyncCount = () => shared().walSync?.syncs ?? 0;

/** The shared query handle: reads, and writes through `write` only (lint, decision 0011). */
export function db(): Kysely<DB> {
  return shared().db;
}

/** Closes the shared connection (tests, shutdown). */
export async function closeDb(): Promise<void> {
  const k = globalThis.__kysely;
  globalThis.__kysely = undefined;
  await k?.db.destroy();
  await k?.close?.();
}

// why: SQLITE_FULL / SQLITE_IOERR at COMMIT cannot be produced on demand on a healthy disk;
// tests set this to throw such an error in place of the real COMMIT, leaving the transaction
// open exactly as a failed COMMIT does, to prove nothing stays held afterwards. `walSync`
// replaces the WAL's fdatasync (decision 0025) the same way: a sync held open, or one that fails.
export const faults: { beforeCommit?: () => void; walSync?: () => Promise<void> } = {};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type WriteOptions = {
  waitMs?: number;
  /**
   * A counter write (the shared rate limits, decision 0017): `fn` is ONE statement atomic by
   * itself (an UPSERT that adds one), and losing its last commits in a power failure costs
   * nothing. PostgreSQL runs it READ COMMITTED (a flood on one hot row would otherwise make every
   * concurrent caller fail with 40001 and retry) with `synchronous_commit = off`; on SQLite it does
   * not wait for the WAL sync (decision 0025). Everything else keeps the full rule.
   */
  counter?: boolean;
};

/**
 * THE write rule. Runs `fn` in one write transaction: all of it commits or none.
 * - SQLite: BEGIN IMMEDIATE with busy timeout 0; when another connection or process holds the
 *   lock, the call waits asynchronously (1, 2, 4 … 50 ms, the event loop keeps serving) and
 *   tries again, for up to `waitMs`; then DatabaseBusyError (503), nothing written.
 * - PostgreSQL: one pooled connection, BEGIN ISOLATION LEVEL SERIALIZABLE with lock_timeout set
 *   to the time left; a serialisation failure (40001), deadlock (40P01) or lock timeout is
 *   retried the same way, within the same bound (postgres.server.ts says why serialisable).
 * - `fn` does database work only: no fetch, file or mail I/O inside (do it before or after),
 *   so locks are held for the time of a few statements. It may run again after a busy failure.
 * - Every error path rolls back and releases the connection, whatever threw (BEGIN, `fn`,
 *   COMMIT): the next write always starts clean.
 * - SQLite (WAL): the COMMIT itself does not fsync; after it, with the connection already free,
 *   the call waits for an fdatasync of the WAL that began after the commit (WalSync, shared by
 *   the commits that wait together) and only then returns: what `write` reports as saved is on
 *   disk, as with synchronous = FULL, without holding the event loop during the disk wait
 *   (decision 0025). A failed sync throws: the commit is visible but may not survive a power cut.
 */
export async function write<T>(
  fn: (tx: Kysely<DB>) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const dialect = shared();
  const deadline = Date.now() + (options.waitMs ?? WRITE_WAIT_MS);
  const counter = options.counter ?? false;
  const attempt = async (conn: Kysely<DB>): Promise<{ value: T } | { busy: unknown }> => {
    try {
      await sql.raw(dialect.beginWrite(deadline - Date.now(), counter)).execute(conn);
    } catch (error) {
      await rollbackQuietly(conn);
      if (dialect.isBusy(error)) return { busy: error };
      throw error;
    }
    try {
      const value = await fn(conn);
      faults.beforeCommit?.();
      const done = await sql.raw<{ command?: string }>("COMMIT").execute(conn);
      // PostgreSQL answers COMMIT with ROLLBACK when a statement in `fn` failed and `fn`
      // caught the error: the transaction was aborted there, nothing was written.
      if (done.rows[0]?.command === "ROLLBACK") throw new AbortedWriteError();
      return { value };
    } catch (error) {
      await rollbackQuietly(conn);
      if (dialect.isBusy(error)) return { busy: error };
      throw error;
    }
  };
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    let outcome: { value: T } | { busy: unknown };
    try {
      outcome = await dialect.db.connection().execute(attempt);
    } catch (error) {
      // No connection in time (the pool is exhausted): busy as well, nothing began.
      if (!(error instanceof DatabaseBusyError)) throw error;
      outcome = { busy: error };
    }
    if ("value" in outcome) {
      // The connection is free again; the caller hears "saved" once the commit is on disk.
      if (!counter && dialect.walSync && !dialect.bulkLoad) await dialect.walSync.durable();
      return outcome.value;
    }
    if (Date.now() + wait > deadline) throw new DatabaseBusyError(outcome.busy);
    await sleep(wait);
  }
}

/**
 * A counter write of ONE compiled statement (the shared rate limits), under the rule of
 * `write(fn, { counter: true })`. On SQLite, while no transaction is open on the shared
 * connection, it runs at once and synchronously (`counterNow`: the statement is its own
 * transaction) instead of three awaited statements (BEGIN, the statement, COMMIT); a counter
 * costs each POST two of these (issue 14). Otherwise, and on PostgreSQL,
 * it is `write(…, { counter: true })` with the same statement.
 */
export async function counterWrite<R>(
  query: CompiledQuery<R>,
  options: { waitMs?: number } = {},
): Promise<R[]> {
  const now = shared().counterNow?.(query);
  if (now) return now as R[];
  return write(async (tx) => (await tx.executeQuery(query)).rows, { ...options, counter: true });
}

/** PostgreSQL: a statement inside `fn` failed and `fn` went on; nothing was committed. */
export class AbortedWriteError extends Error {
  constructor() {
    super(
      "write aborted: a statement in the transaction failed and its error was caught; " +
        "on PostgreSQL that aborts the whole transaction (use ON CONFLICT, or let it throw)",
    );
    this.name = "AbortedWriteError";
  }
}

async function rollbackQuietly(conn: Kysely<DB>) {
  try {
    await sql.raw("ROLLBACK").execute(conn);
  } catch {
    // SQLite may have rolled back on its own (FULL, IOERR): "no transaction is active".
  }
}

/**
 * SQL not yet written with the builder (phase 2 of decision 0011): text and its parameters, in
 * the dialect's own placeholders (SQLite `?`/`@name`, PostgreSQL `$1`).
 */
export type RawQuery = { sql: string; parameters: ReadonlyArray<unknown> };

/**
 * A streaming read on a connection of its own, opened here and closed when the iteration ends
 * (finished, `break`, or `return()` when the client goes away). Every export uses it: a slow
 * client keeps only its own connection busy, never the shared one (issue 11 item 8). SQLite: a
 * read-only connection; PostgreSQL: a client outside the pool with a server-side cursor.
 */
export async function* streamRead<R>(
  query: (q: Kysely<DB>) => Compilable<R> | RawQuery,
): AsyncGenerator<R> {
  const dialect = shared();
  // The shared handle only compiles here; the rows come from the stream's own connection.
  const q = query(dialect.db);
  const { sql: text, parameters } = "compile" in q ? q.compile() : q;
  yield* dialect.stream(text, parameters) as AsyncGenerator<R>;
}

/**
 * For /healthz: a write transaction begins and commits within `ms` (it writes nothing).
 * A writer stuck behind a held lock, a full or read-only disk, a standby or an exhausted pool
 * makes this false.
 */
export async function canWrite(ms = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const probe = write(
    async (tx) => {
      await sql.raw(shared().probeWrite).execute(tx);
    },
    { waitMs: ms },
  ).then(
    () => true,
    () => false,
  );
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms + 50)));
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}
