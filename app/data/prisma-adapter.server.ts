import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { DatabaseBusyError, WRITE_WAIT_MS } from "./errors.ts";

// Prisma's runtime path until it is converted (decision 0011, phase 2), made to follow the
// write rule. Pinned to @prisma/adapter-better-sqlite3 6.19.3, which keeps its better-sqlite3
// handle in `client`, begins with `client.prepare("BEGIN").run()` after taking a mutex, and
// whose engine runs `executeRaw("COMMIT")` then `commit()` (which releases that mutex).
// As shipped, a failed BEGIN or COMMIT never releases the mutex (every later transaction hangs)
// and a busy timeout waits synchronously, blocking the event loop. Here instead:
// - the connection's busy timeout is 0; BEGIN IMMEDIATE is retried asynchronously, as in
//   write(), and gives up with DatabaseBusyError (503) after WRITE_WAIT_MS, mutex released;
// - a failed COMMIT or ROLLBACK rolls back and releases the mutex, once;
// - a statement outside a transaction that meets a held lock is retried asynchronously.
// tests/integration/prisma-adapter.test.ts holds the lock from another process.

type Query = { sql: string };
type Tx = {
  executeRaw(q: Query): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};
type Adapter = {
  client: Database.Database;
  startTransaction(level?: string): Promise<Tx>;
  queryRaw(q: Query): Promise<unknown>;
  executeRaw(q: Query): Promise<number>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SQLITE_BUSY as the raw driver or the adapter (DriverAdapterError "SocketTimeout") reports it. */
function isBusy(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const err = e as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } };
  return (
    /^SQLITE_BUSY/.test(String(err.code)) ||
    err.cause?.kind === "SocketTimeout" ||
    /^SQLITE_BUSY/.test(String(err.cause?.originalCode))
  );
}

async function retryBusy<T>(run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await run();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + wait > deadline) throw new DatabaseBusyError(error);
      await sleep(wait);
    }
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

const NO_OP = { run: () => ({ changes: 0, lastInsertRowid: 0 }) };

export class WriteRuleSqliteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = (await super.connect()) as unknown as Adapter;
    const client = adapter.client;
    client.pragma("busy_timeout = 0");
    // The adapter's own BEGIN becomes a no-op: the real one is taken below, asynchronously.
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) =>
      sql === "BEGIN" ? NO_OP : prepare(sql)) as unknown as typeof client.prepare;
    const rollbackQuietly = () => {
      try {
        if (client.inTransaction) client.exec("ROLLBACK");
      } catch {
        // already rolled back by SQLite (FULL, IOERR)
      }
    };
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (level) => {
      const tx = await start(level); // holds the adapter's mutex from here
      // The adapter's commit() and rollback() only release its mutex: either, exactly once.
      const release = once(tx.rollback.bind(tx));
      try {
        await retryBusy(async () => client.exec("BEGIN IMMEDIATE"));
      } catch (error) {
        await release();
        throw error;
      }
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (q) => {
        try {
          return await executeRaw(q);
        } catch (error) {
          if (q.sql === "COMMIT" || q.sql === "ROLLBACK") {
            rollbackQuietly();
            await release();
          }
          throw error;
        }
      };
      tx.commit = release;
      tx.rollback = release;
      return tx;
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRawOutside = adapter.executeRaw.bind(adapter);
    adapter.queryRaw = (q) => retryBusy(() => queryRaw(q));
    adapter.executeRaw = (q) => retryBusy(() => executeRawOutside(q));
    return adapter as never;
  }
}
