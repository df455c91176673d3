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
 * Opens the shared connection and runs one statement on it. On SQLite, while modules remain on
 * Prisma (phase 2 of decision 0011), its connection gets the pragmas too (WAL, synchronous,
 * foreign keys); PostgreSQL never loads Prisma's SQLite client.
 */
export async function ensureDbReady(): Promise<void> {
  await sql`SELECT 1`.execute(db());
  if (databaseFile() !== null) {
    const prisma = await import("#app/utils/db.server.ts");
    await prisma.ensureDbReady();
  }
}

/** Closes the shared connection (a PostgreSQL pool keeps a process alive) and Prisma's, if open. */
export async function closeDatabase(): Promise<void> {
  await closeDb();
  await globalThis.__prisma?.$disconnect();
}
