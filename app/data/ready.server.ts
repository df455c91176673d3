import { sql } from "kysely";
import { env } from "#app/utils/env.server.ts";
import { closeDb, db, isPostgres } from "./db.server.ts";
import { sqliteFilePath } from "./sqlite.server.ts";

// Start and end of a process that serves or changes the database (the server, content sync):
// open the connection before the first request, so a wrong DATABASE_URL or an unreachable
// server fails at start-up rather than on a user's request; close everything at the end.

/** The SQLite file this process serves, or null on PostgreSQL (no file to guard). */
export function databaseFile(url = env().DATABASE_URL): string | null {
  return isPostgres(url) ? null : sqliteFilePath(url);
}

/**
 * Opens the shared connection and runs one statement on it (on SQLite, opening it sets WAL,
 * synchronous and foreign keys: sqlite.server.ts openSqlite).
 */
export async function ensureDbReady(waitMs = STARTUP_WAIT_MS): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await sql`SELECT 1`.execute(db());
      return;
    } catch (error) {
      // A PostgreSQL server that is still starting, or a machine too busy to connect within the
      // pool's timeout, is waited for; a wrong URL, password or database name fails at once.
      if (!isPostgres(env().DATABASE_URL) || !transient(error) || Date.now() > deadline)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** How long a starting process waits for PostgreSQL to accept connections. */
const STARTUP_WAIT_MS = 60_000;

const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ENOENT", "ETIMEDOUT", "57P03", "53300"]);

function transient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return TRANSIENT_CODES.has(code);
  // pg's own connect timeout and a socket closed while connecting carry no code.
  return error instanceof Error && /connection (timeout|terminated)/i.test(error.message);
}

/** Closes the shared connection (a PostgreSQL pool keeps a process alive). */
export async function closeDatabase(): Promise<void> {
  await closeDb();
}
