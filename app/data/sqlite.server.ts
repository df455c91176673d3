import Database from "better-sqlite3";
import path from "node:path";
import type { SqliteDatabase, SqliteStatement } from "kysely";

// SQLite's half of the one row shape (decision 0011). Times are stored as epoch milliseconds
// and booleans as 0/1; the query layer hands out and accepts Date and boolean, as PostgreSQL's
// driver does. A column's declared type (DATETIME, BOOLEAN) is read from the prepared
// statement itself, so an aliased column converts too; a computed value (MAX(at), COUNT(*))
// has no declared type and stays a number.

type Conversion = { dates: string[]; booleans: string[] };
const NONE: Conversion = { dates: [], booleans: [] };

function conversionOf(stmt: Database.Statement): Conversion {
  if (!stmt.reader) return NONE;
  const dates: string[] = [];
  const booleans: string[] = [];
  for (const c of stmt.columns()) {
    const t = c.type?.toUpperCase();
    if (t === "DATETIME") dates.push(c.name);
    else if (t === "BOOLEAN") booleans.push(c.name);
  }
  return dates.length || booleans.length ? { dates, booleans } : NONE;
}

type Row = Record<string, unknown>;

function convertRow(row: Row, c: Conversion): Row {
  for (const k of c.dates) {
    const v = row[k];
    if (typeof v === "number") row[k] = new Date(v);
  }
  for (const k of c.booleans) {
    const v = row[k];
    if (typeof v === "number") row[k] = v !== 0;
  }
  return row;
}

function bind(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((p) =>
    p instanceof Date ? p.getTime() : typeof p === "boolean" ? (p ? 1 : 0) : p,
  );
}

class Statement implements SqliteStatement {
  readonly reader: boolean;
  constructor(
    private readonly stmt: Database.Statement,
    private readonly conversion: Conversion,
  ) {
    this.reader = stmt.reader;
  }
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows = this.stmt.all(...bind(parameters)) as Row[];
    if (this.conversion !== NONE) for (const r of rows) convertRow(r, this.conversion);
    return rows;
  }
  run(parameters: ReadonlyArray<unknown>) {
    return this.stmt.run(...bind(parameters));
  }
  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    for (const r of this.stmt.iterate(...bind(parameters)) as Iterable<Row>)
      yield this.conversion === NONE ? r : convertRow(r, this.conversion);
  }
}

const STATEMENT_CACHE = 500;

/**
 * One better-sqlite3 connection as Kysely's SqliteDialect sees it. Statements are prepared once
 * per SQL text (Kysely asks for a prepare on every query; preparing costs more than running a
 * simple indexed select).
 */
export class SqliteConnection implements SqliteDatabase {
  private readonly cache = new Map<string, Statement>();
  /** `deferredSync`: commits do not fsync; the caller syncs the WAL (openSqlite's deferSync). */
  constructor(
    readonly raw: Database.Database,
    readonly deferredSync = false,
  ) {}
  prepare(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      const stmt = this.raw.prepare(sql);
      s = new Statement(stmt, conversionOf(stmt));
      if (this.cache.size >= STATEMENT_CACHE) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }
  close(): void {
    this.raw.close();
  }
}

/**
 * A counter write (write(…, { counter: true }) in db.server.ts, decision 0017) run at once on
 * the shared connection: one statement, its own transaction (autocommit; an UPSERT is atomic),
 * committed without waiting for the WAL sync (decision 0025: the shared connection commits with
 * synchronous = NORMAL; the counter simply does not wait for `durable()`). All of it is
 * synchronous, so nothing else runs on the connection in between. Returns undefined, having
 * written nothing, when it cannot run now: a transaction is open on the connection (a write()
 * waiting between its statements: the counter must not join it) or another process holds the
 * write lock (busy timeout 0); the caller then takes the write rule's asynchronous path.
 */
export function counterNow(
  conn: SqliteConnection,
  sql: string,
  parameters: ReadonlyArray<unknown>,
): unknown[] | undefined {
  if (conn.raw.inTransaction) return undefined;
  const stmt = conn.prepare(sql);
  try {
    if (stmt.reader) return stmt.all(parameters);
    stmt.run(parameters);
    return [];
  } catch (e) {
    if (isSqliteBusy(e)) return undefined;
    throw e;
  }
}

/**
 * Opens a connection. Busy timeout 0 always: a wait for the write lock is never a synchronous
 * sleep on the event loop; the write rule retries asynchronously instead (write.server.ts).
 */
export function openSqlite(
  file: string,
  options: { readonly?: boolean; deferSync?: boolean } = {},
): SqliteConnection {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: true,
    timeout: 0,
  });
  if (!options.readonly) {
    // WAL is a property of the file (decision 0003): normally set already, then this is a read.
    // Switching needs a lock; when another connection holds it, that one sets WAL.
    try {
      db.pragma("journal_mode = WAL");
    } catch (e) {
      if (!isSqliteBusy(e)) throw e;
    }
  }
  // deferSync (the shared connection, decision 0025): in WAL mode a COMMIT does not fsync; the
  // write rule waits for WalSync.durable() instead. Every other writer keeps FULL.
  const deferred =
    !options.readonly &&
    options.deferSync === true &&
    db.pragma("journal_mode", { simple: true }) === "wal";
  if (!options.readonly) db.pragma(deferred ? "synchronous = NORMAL" : "synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 0");
  return new SqliteConnection(db, deferred);
}

/** SQLite's error codes for "another connection holds the lock". */
export const isSqliteBusy = (e: unknown) =>
  typeof e === "object" &&
  e !== null &&
  /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: string }).code));

/** The file of a `file:` DATABASE_URL (relative to the working directory, as the Prisma CLI reads it). */
export const sqliteFilePath = (url: string) => path.resolve(url.replace(/^file:/, ""));

/** streamRead on SQLite: a read-only connection of its own, closed when the iteration ends. */
export async function* sqliteStream(
  file: string,
  text: string,
  parameters: ReadonlyArray<unknown>,
): AsyncGenerator<unknown> {
  const conn = openSqlite(file, { readonly: true });
  try {
    let n = 0;
    for (const row of conn.prepare(text).iterate(parameters)) {
      yield row;
      // A long export yields the event loop now and then even when its client reads fast.
      if (++n % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    conn.close();
  }
}

/**
 * For a database being filled by a seed (bulk.server.ts forBulkLoad): the last commits may be
 * lost on a power cut (synchronous NORMAL in WAL mode never corrupts), and 256 MiB of cache
 * keeps million-row indexes in memory while they are built.
 */
export const BULK_LOAD_PRAGMAS = ["PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -262144"];
