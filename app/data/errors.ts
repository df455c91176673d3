/** How long a write waits for the database before the request is answered 503. */
export const WRITE_WAIT_MS = 5000;
export const RETRY_AFTER_SECONDS = 5;

/** The database could not be had in time; nothing was written. Requests answer 503 (busy.server.ts). */
export class DatabaseBusyError extends Error {
  readonly code = "DATABASE_BUSY";
  constructor(cause?: unknown) {
    super("database busy: the write lock could not be taken in time", { cause });
    this.name = "DatabaseBusyError";
  }
}

/** A unique index refused the write: two requests raced for one value (SQLite, PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = String((error as { code?: unknown }).code);
  return (
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    code === "23505"
  );
}
