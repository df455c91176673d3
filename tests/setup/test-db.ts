// Which database the integration suite runs on: TEST_DB=pg (`npm run test:integration:pg`)
// runs it on a throw-away PostgreSQL cluster, anything else on SQLite (the default).
export const PG_MODE = process.env.TEST_DB === "pg";

/** The name the PostgreSQL template database gets (one per run, in the run's own cluster). */
export const PG_TEMPLATE = "itest_template";

declare module "vitest" {
  interface ProvidedContext {
    /** PG mode: a postgresql:// URL of the cluster's maintenance database (`postgres`). */
    pgAdminUrl: string;
    /** PG mode: the migrated template database each test file copies. */
    pgTemplate: string;
  }
}
