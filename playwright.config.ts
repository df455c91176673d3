import { defineConfig } from "@playwright/test";

// Run with `npm run test:e2e` (scripts/run-e2e.mjs): it finds a Chromium, builds,
// and seeds a fresh tests/.tmp/e2e.db before Playwright starts the server below.
// E2E_PORT lets two worktrees run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3300);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  // Two cores, and every test shares one server and database.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node server-build/index.js",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      // scripts/run-e2e.mjs: the SQLite file, or with E2E_DB=pg its throw-away PostgreSQL database.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:./tests/.tmp/e2e.db",
      FILES_DIR: "./tests/.tmp/e2e-files",
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000",
      RATE_LIMIT_POST_PER_MINUTE: "5000",
      LOG_LEVEL: "error",
    },
  },
});
