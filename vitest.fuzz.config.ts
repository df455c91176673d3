import { defineConfig } from "vitest/config";

// `npm run test:fuzz` (in `npm test` after the build): the generated fuzz suite against the
// built server on its own seeded database (tests/fuzz, decision 0013), and the cluster test:
// two built instances on one database behind a real nginx (tests/multi, decision 0017).
export default defineConfig({
  resolve: {
    alias: {
      "#app": new URL("./app", import.meta.url).pathname,
      "#server": new URL("./server", import.meta.url).pathname,
    },
  },
  test: {
    include: ["tests/fuzz/**/*.test.ts", "tests/multi/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
