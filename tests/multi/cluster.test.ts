// Issue 13: two instances behind nginx on one SQLite database (the suite is suite.ts; the
// same on PostgreSQL is cluster-pg.test.ts). Runs in `npm test` after the build
// (vitest.fuzz.config.ts).
import path from "node:path";
import { prepareSqlite } from "./cluster.ts";
import { defineClusterSuite } from "./suite.ts";

const root = path.resolve(import.meta.dirname, "../..");
const DB_FILE = path.join(root, "tests/.tmp/multi.db");

defineClusterSuite({
  title: "two instances behind nginx on one SQLite database",
  name: "sqlite",
  base: Number(process.env.MULTI_PORT ?? 3452),
  available: () => true,
  prepare: async () => ({ url: `file:${DB_FILE}`, db: prepareSqlite(DB_FILE) }),
});
