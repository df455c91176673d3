import { configDefaults, defineConfig } from "vitest/config";
import { pgAvailable } from "./tests/setup/pg-cluster.ts";
import { PG_PENDING_FILES } from "./tests/setup/pg-pending.ts";
import { PG_MODE } from "./tests/setup/test-db.ts";

// TEST_DB=pg (npm run test:integration:pg, part of npm test): the integration suite on
// PostgreSQL, without the files still pending conversion (tests/setup/pg-pending.ts says why).
// Without the PostgreSQL binaries it runs nothing and says so loudly, as the tests/pg suites
// do; under REQUIRE_PG=1 (CI) that is an error instead.
const pgRun = PG_MODE && pgAvailable();

export default defineConfig({
  resolve: {
    alias: {
      "#app": new URL("./app", import.meta.url).pathname,
      "#server": new URL("./server", import.meta.url).pathname,
    },
  },
  test: {
    include: PG_MODE
      ? pgRun
        ? ["tests/integration/**/*.test.ts"]
        : []
      : [
          "app/**/*.test.ts",
          "server/**/*.test.ts",
          "tests/integration/**/*.test.ts",
          "scripts/**/*.test.ts",
          "tests/pg/**/*.test.ts",
        ],
    exclude: [...configDefaults.exclude, ...(PG_MODE ? Object.keys(PG_PENDING_FILES) : [])],
    passWithNoTests: PG_MODE && !pgRun,
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/worker-db.ts"],
    pool: "forks",
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
