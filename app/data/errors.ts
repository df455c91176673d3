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
