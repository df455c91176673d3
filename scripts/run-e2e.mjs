// `npm run test:e2e`: finds a Chromium, builds if needed, prepares a fresh e2e
// database (tests/.tmp/e2e.db, never data/app.db; with E2E_DB=pg a throw-away PostgreSQL
// cluster), then runs Playwright.
// Extra arguments are passed to `playwright test`, e.g. `npm run test:e2e -- tests/e2e/routes.spec.ts`.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const E2E_DB = "tests/.tmp/e2e.db";

async function playwrightChromium() {
  try {
    const { chromium } = await import("@playwright/test");
    const file = chromium.executablePath();
    return file && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    console.warn(`run-e2e: CHROMIUM_PATH=${fromEnv} does not exist; looking elsewhere`);
  }
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return playwrightChromium();
}

let chromiumPath = await findChromium();
if (!chromiumPath) {
  console.log(
    "run-e2e: no Chromium found; trying `npx playwright install chromium` (needs internet access)",
  );
  spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit", timeout: 300_000 });
  chromiumPath = await playwrightChromium();
}
if (!chromiumPath) {
  console.error(
    [
      "run-e2e: no Chromium browser is available, so the end-to-end tests cannot run.",
      "Install one of these and run again:",
      "  - Debian/Ubuntu: apt-get update && apt-get install -y chromium   (gives /usr/bin/chromium)",
      "  - with internet access: npx playwright install chromium",
      "  - or point CHROMIUM_PATH at an existing Chromium/Chrome executable.",
    ].join("\n"),
  );
  process.exit(1);
}
console.log(`run-e2e: using Chromium at ${chromiumPath}`);

if (!fs.existsSync("build/server/index.js") || !fs.existsSync("server-build/index.js")) {
  console.log("run-e2e: production build missing; running `npm run build`");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
} else {
  // `npm test` builds first; a direct run tests whatever build is there, so say when it is old.
  const newest = (dir) =>
    fs.readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((max, e) => {
      if (!e.isFile() || /\.test\.tsx?$/.test(e.name) || e.parentPath.includes("generated"))
        return max;
      return Math.max(max, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
    }, 0);
  const builtAt = Math.min(
    fs.statSync("build/server/index.js").mtimeMs,
    fs.statSync("server-build/index.js").mtimeMs,
  );
  if (Math.max(newest("app"), newest("server")) > builtAt) {
    console.warn(
      "run-e2e: warning: app/ or server/ changed after the last build; run `npm run build` (or `npm test`) to test the current code",
    );
  }
}

// A fresh database for every run: the tests rely on the demo seed (e.g. an unlocked account).
// E2E_DB=pg: a throw-away PostgreSQL cluster instead (scripts/pg/throwaway.ts, Debian's
// postgresql binaries), migrated and seeded the same way, stopped and removed at the end.
const onPg = process.env.E2E_DB === "pg";
if (onPg) {
  // Without PostgreSQL's binaries the PostgreSQL run is skipped loudly (exit 0); under
  // REQUIRE_PG=1 (.ci/run) that is a failure, as for the other PostgreSQL suites.
  const check = spawnSync(bin("tsx"), ["scripts/pg/throwaway.ts", "check"], { stdio: "inherit" });
  if (check.status === 3) {
    console.warn("run-e2e: *** the end-to-end suite on PostgreSQL was SKIPPED (see above) ***");
    process.exit(0);
  }
  if (check.status !== 0) {
    console.error("run-e2e: PostgreSQL is required (REQUIRE_PG=1) but cannot start here");
    process.exit(1);
  }
}
fs.rmSync("tests/.tmp/e2e-files", { recursive: true, force: true });
let cluster = null;
let databaseUrl = `file:./${E2E_DB}`;
if (onPg) {
  const started = execFileSync(bin("tsx"), ["scripts/pg/throwaway.ts", "start", "e2e"], {
    encoding: "utf8",
  });
  cluster = JSON.parse(started.trim().split("\n").at(-1));
  databaseUrl = cluster.url;
  console.log(`run-e2e: preparing a throw-away PostgreSQL cluster in ${cluster.dir}`);
} else {
  fs.mkdirSync(path.dirname(E2E_DB), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    fs.rmSync(E2E_DB + suffix, { force: true });
  console.log(`run-e2e: preparing ${E2E_DB}`);
}
const stopCluster = () => {
  if (!cluster) return;
  spawnSync(bin("tsx"), ["scripts/pg/throwaway.ts", "stop", cluster.dir], { stdio: "inherit" });
  cluster = null;
};
process.on("exit", stopCluster);
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopCluster();
    process.exit(130);
  });
const dbEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  CHECKPOINT_DISABLE: "1",
  DEMO_DATA: "true",
  // The seed stores the demo expert's photo and the demo event material where the e2e server
  // (playwright.config.ts) reads files.
  FILES_DIR: "./tests/.tmp/e2e-files",
};
try {
  if (onPg)
    execFileSync(bin("tsx"), ["scripts/db-migrate-pg.ts"], { stdio: "inherit", env: dbEnv });
  else execFileSync(bin("prisma"), ["migrate", "deploy"], { stdio: "inherit", env: dbEnv });
  execFileSync(bin("tsx"), ["prisma/seed.ts"], { stdio: "inherit", env: dbEnv });
  // Reading times cut to 0.5 % so the learning journey runs in seconds; the rule itself is tested with an injected clock.
  execFileSync(bin("tsx"), ["scripts/content-sync.ts"], {
    stdio: "inherit",
    env: { ...dbEnv, READING_TIME_SCALE: "0.005" },
  });
} catch (error) {
  console.error(`run-e2e: preparing the database failed: ${error.message}`);
  process.exit(1);
}

const result = spawnSync(bin("playwright"), ["test", ...process.argv.slice(2)], {
  stdio: "inherit",
  // playwright.config.ts hands E2E_DATABASE_URL to the server it starts.
  env: { ...process.env, CHROMIUM_PATH: chromiumPath, E2E_DATABASE_URL: databaseUrl },
});
if (result.error) {
  console.error(`run-e2e: could not start Playwright: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
