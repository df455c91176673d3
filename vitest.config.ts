import { configDefaults, defineConfig } from "vitest/config";
import { PG_PENDING_FILES } from "./tests/setup/pg-pending.ts";
import { PG_MODE } from "./tests/setup/test-db.ts";

// TEST_DB=pg (npm run test:integration:pg): the integration suite on PostgreSQL, without the
// files still pending conversion (tests/setup/pg-pending.ts says why).

export default defineConfig({
  resolve: {
    alias: {
      "#app": new URL("./app", import.meta.url).pathname,
      "#server": new URL("./server", import.meta.url).pathname,
    },
  },
  test: {
    include: PG_MODE
      ? ["tests/integration/**/*.test.ts"]
      : [
          "app/**/*.test.ts",
          "server/**/*.test.ts",
          "tests/integration/**/*.test.ts",
          "scripts/**/*.test.ts",
          "tests/pg/**/*.test.ts",
        ],
    exclude: [...configDefaults.exclude, ...(PG_MODE ? Object.keys(PG_PENDING_FILES) : [])],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/worker-db.ts"],
    pool: "forks",
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
