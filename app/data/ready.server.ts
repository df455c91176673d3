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
export async function ensureDbReady(): Promise<void> {
  await sql`SELECT 1`.execute(db());
}

/** Closes the shared connection (a PostgreSQL pool keeps a process alive). */
export async function closeDatabase(): Promise<void> {
  await closeDb();
}
