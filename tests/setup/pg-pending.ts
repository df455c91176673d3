// What the PostgreSQL mode of the integration suite (TEST_DB=pg) does not run yet, and why.
// This list only shrinks: when a module or a test file is converted to the data layer
// (decision 0011), its line goes and the file runs on PostgreSQL like the rest.
// Inherently SQLite tests (the Prisma adapter, fault injection on SQLite, SQLite migrations)
// are not listed here: they skip themselves in PG mode with describe.skipIf and a comment.
import path from "node:path";

/** Whole files, by path from the repository root. */
export const PG_PENDING_FILES: Record<string, string> = {};

/** Single tests, by file and the test's own name. */
export const PG_PENDING_TESTS: Record<string, Record<string, string>> = {};

/** Why this test is skipped in PG mode, or undefined when it runs. */
export function pgPendingReason(filepath: string, testName: string): string | undefined {
  const file = path.relative(process.cwd(), filepath).split(path.sep).join("/");
  return PG_PENDING_FILES[file] ?? PG_PENDING_TESTS[file]?.[testName];
}
