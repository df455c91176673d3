// A throw-away PostgreSQL cluster outside a test runner (`npm run test:e2e` with E2E_DB=pg):
//   tsx scripts/pg/throwaway.ts start [database]  prints {"dir": …, "url": …} of a new cluster
//     with an empty database (the server keeps running after this process exits);
//   tsx scripts/pg/throwaway.ts stop <dir>         stops that cluster and removes its folder;
//   tsx scripts/pg/throwaway.ts check              exit 0 when a cluster can start here; else
//     says so loudly (how to install) and exits 3, or under REQUIRE_PG=1 fails (exit 1).
// The cluster is tests/setup/pg-cluster.ts's: Unix socket only, inside its own folder.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pgAvailable, pgBinDir, startPgCluster } from "../../tests/setup/pg-cluster.ts";

const [command, arg] = process.argv.slice(2);
if (command === "check") {
  // pgAvailable: a loud warning when missing, an error under REQUIRE_PG=1.
  process.exit(pgAvailable() ? 0 : 3);
} else if (command === "start") {
  // Any port: the socket lives in the cluster's own folder, so clusters never collide.
  const cluster = await startPgCluster(5432);
  const url = await cluster.createDatabase(arg ?? "app");
  console.log(JSON.stringify({ dir: cluster.dir, url }));
} else if (command === "stop" && arg && fs.existsSync(path.join(arg, "data"))) {
  const bin = pgBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found");
  const args = ["-D", path.join(arg, "data"), "-m", "fast", "-w", "stop"];
  const asRoot = process.getuid?.() === 0;
  try {
    execFileSync(
      asRoot ? "runuser" : path.join(bin, "pg_ctl"),
      asRoot ? ["-u", "postgres", "--", path.join(bin, "pg_ctl"), ...args] : args,
      { stdio: "ignore" },
    );
  } finally {
    fs.rmSync(arg, { recursive: true, force: true });
  }
} else {
  console.error("usage: tsx scripts/pg/throwaway.ts start [database] | stop <dir> | check");
  process.exit(2);
}
