import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "#app": new URL("./app", import.meta.url).pathname,
      "#server": new URL("./server", import.meta.url).pathname,
    },
  },
  test: {
    include: [
      "app/**/*.test.ts",
      "server/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "scripts/**/*.test.ts",
      "tests/pg/**/*.test.ts",
    ],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/worker-db.ts"],
    pool: "forks",
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
