import type { PostgresPool, PostgresPoolClient } from "kysely";
import pg from "pg";
import { DatabaseBusyError, WRITE_WAIT_MS } from "./errors.ts";
import { preparedName } from "./prepared.ts";

// PostgreSQL's half of the data layer (decision 0011): the pool, the row shape, how a write
// transaction begins and which errors mean "busy", and the cursor behind streamRead.
//
// Row shape, identical to SQLite's: TIMESTAMP(3) (type 1114, no time zone) holds UTC and is read
// as UTC (node-postgres would read it in the process's zone); BOOLEAN is boolean already;
// BIGINT (20: COUNT, SUM of integers) and NUMERIC (1700: SUM of bigints, AVG) become numbers.
// The bound: an integer beyond ±2^53-1 (Number.MAX_SAFE_INTEGER) throws rather than lose digits;
// a fractional NUMERIC is a double, as SQLite's REAL. Every parser here is this pool's own
// (`types`), so pg's global parsers, used by the migration and copy tools, stay untouched.

/** Server settings of every connection. UTC: CURRENT_TIMESTAMP defaults and triggers write UTC. */
export const PG_SESSION = {
  TimeZone: "UTC",
  /** No lock wait outside `write` (which sets its own, the time it has left) lasts longer. */
  lock_timeout: WRITE_WAIT_MS,
  /** No statement runs longer: a runaway query answers 503 instead of holding a request. */
  statement_timeout: 30_000,
  /** A process that stalls inside a transaction loses it (and its locks) after a minute. */
  idle_in_transaction_session_timeout: 60_000,
};

/** Connections per app process (DATABASE_POOL_MAX); N instances need N × this ≤ max_connections. */
export const DEFAULT_POOL_MAX = 10;

const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

function safeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond ±2^53-1`);
  return n;
}

const numeric = (text: string) => (/^-?\d+$/.test(text) ? safeInteger(text) : Number(text));

const PARSERS: Record<number, (text: string) => unknown> = {
  1114: utcTimestamp,
  20: safeInteger,
  1700: numeric,
};

export const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    return (format ?? "text") === "text" && PARSERS[oid]
      ? PARSERS[oid]
      : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A Date parameter is sent as UTC text: a TIMESTAMP column drops the offset and keeps UTC. */
export const bindParameters = (parameters: ReadonlyArray<unknown>) =>
  parameters.map((p) => (p instanceof Date ? p.toISOString() : p));

/** pg's configuration: the URL's own `options` are kept, ours appended. */
export function pgConfig(url: string, settings = PG_SESSION): pg.ClientConfig {
  const u = new URL(url);
  const own = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(" ");
  u.searchParams.set("options", [u.searchParams.get("options"), own].filter(Boolean).join(" "));
  return { connectionString: u.toString(), types };
}

/**
 * The pool as Kysely's PostgresDialect sees it. A wait for a free connection past WRITE_WAIT_MS
 * is DatabaseBusyError (503). A checked-out client that loses its connection between queries
 * would emit an unhandled 'error' (pg-pool listens only while a client is idle): it is caught
 * here and the client is destroyed at release instead of going back to the pool.
 */
class LayerPool implements PostgresPool {
  private readonly wrapped = new WeakMap<pg.PoolClient, LayerClient>();
  constructor(
    readonly pool: pg.Pool,
    private readonly prepared: boolean,
  ) {}
  get options() {
    return this.pool.options;
  }
  async connect(): Promise<PostgresPoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      if (/timeout exceeded when trying to connect/.test(String(error))) {
        throw new DatabaseBusyError(error);
      }
      throw error;
    }
    let wrapper = this.wrapped.get(client);
    if (!wrapper) {
      wrapper = new LayerClient(client, this.prepared);
      this.wrapped.set(client, wrapper);
    }
    return wrapper as unknown as PostgresPoolClient;
  }
  end() {
    return this.pool.end();
  }
}

class LayerClient {
  private broken: Error | undefined;
  constructor(
    private readonly client: pg.PoolClient,
    private readonly prepared: boolean,
  ) {
    client.on("error", (error) => {
      this.broken = error;
    });
  }
  /**
   * A compiled query's text goes by name: parsed once per connection, its plan reused (unless
   * DATABASE_PREPARED=false: a pooler in transaction mode, or a server that mishandles them).
   */
  query(text: string, parameters: ReadonlyArray<unknown>) {
    const name = this.prepared ? preparedName(text) : undefined;
    const values = bindParameters(parameters);
    return name ? this.client.query({ name, text, values }) : this.client.query(text, values);
  }
  /** `discard`: Kysely gave up on the connection (a failed ROLLBACK); so do we. */
  release(discard?: boolean) {
    const broken = this.broken ?? (discard ? new Error("connection discarded") : undefined);
    this.broken = undefined;
    this.client.release(broken);
  }
}

export function openPgPool(url: string, max = DEFAULT_POOL_MAX, prepared = true) {
  const pool = new pg.Pool({
    ...pgConfig(url),
    max,
    connectionTimeoutMillis: WRITE_WAIT_MS,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away: logged by pg-pool's listener, the client is dropped.
  pool.on("error", () => {});
  return new LayerPool(pool, prepared);
}

/** PostgreSQL's words for "busy": try again later, nothing was written. */
const BUSY_CODES = new Set([
  "40001", // serialization_failure: a concurrent serialisable transaction won
  "40P01", // deadlock_detected
  "55P03", // lock_not_available: lock_timeout passed
  "57014", // query_canceled: statement_timeout passed
  "53300", // too_many_connections
]);

export const isPgBusy = (e: unknown) =>
  e instanceof DatabaseBusyError ||
  (typeof e === "object" && e !== null && BUSY_CODES.has(String((e as { code?: unknown }).code)));

/**
 * How a write transaction begins, in one round trip. SERIALIZABLE: every `fn` behaves as if it
 * ran alone, as on SQLite (one writer at a time), so a check-then-write inside `write` stays
 * single-winner without a FOR UPDATE in each module; a lost race is 40001, and `write` runs `fn`
 * again. lock_timeout is the time the write has left, so a held row lock makes it busy in time.
 */
export function beginWrite(remainingMs: number, counter = false) {
  const ms = Math.max(1, Math.ceil(remainingMs));
  // A counter write (one self-atomic UPSERT, db.server.ts): READ COMMITTED, and its commit
  // does not wait for the WAL flush (a server crash may lose the last few, never half of one).
  if (counter)
    return `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = ${ms}; SET LOCAL synchronous_commit = off`;
  return `BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL lock_timeout = ${ms}`;
}

/** Forces a transaction id: a standby or a read-only database refuses it (canWrite). */
export const PROBE_WRITE = "SELECT txid_current()";

const FETCH_ROWS = 500;

/**
 * A streaming read on a client of its own (never one of the pool's): a read-only snapshot
 * transaction with a server-side cursor, fetched FETCH_ROWS at a time. The client ends when the
 * iteration does (finished, `break`, client gone).
 */
export async function* pgStream<R>(
  url: string,
  text: string,
  parameters: ReadonlyArray<unknown>,
): AsyncGenerator<R> {
  const client = new pg.Client(
    pgConfig(url, { ...PG_SESSION, idle_in_transaction_session_timeout: 15 * 60_000 }),
  );
  client.on("error", () => {}); // the pending FETCH reports it
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(
      `DECLARE fzxt_stream NO SCROLL CURSOR FOR ${text}`,
      bindParameters(parameters),
    );
    for (;;) {
      const { rows } = await client.query(`FETCH ${FETCH_ROWS} FROM fzxt_stream`);
      for (const row of rows as R[]) yield row;
      if (rows.length < FETCH_ROWS) break;
    }
  } finally {
    await client.end().catch(() => {});
  }
}
