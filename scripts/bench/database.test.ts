import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareBenchDatabase } from "./database.ts";

// Rule (decision 0014, session 13): every bench run measures a fresh copy of one kept seed, so a
// run never sees what earlier runs' POSTs stored, and the seed itself is never written by a run.
// The `run` stand-in plays the seed and migrate commands on real files in a throw-away root.
describe("bench database: every run measures a fresh copy of the kept seed", () => {
  let root: string;
  let calls: { cmd: string; args: string[]; url: string | undefined }[];
  let seeds: number;
  const seedFile = () => path.join(root, "data/bench/scale.seed.db");
  const copyFile = () => path.join(root, "data/bench/scale.db");
  const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) => {
    calls.push({ cmd, args, url: env.DATABASE_URL });
    if (args.includes("prisma/seed-scale.ts")) {
      seeds += 1;
      fs.writeFileSync(path.join(root, env.DATABASE_URL!.replace(/^file:/, "")), `seed ${seeds}`);
    }
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-db-"));
    calls = [];
    seeds = 0;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("seeds the kept file once, then reuses it with pending migrations applied to it", () => {
    const first = prepareBenchDatabase(root, false, run);
    expect(first.seedSeconds).not.toBeNull();
    expect(calls).toEqual([
      { cmd: "npx", args: ["tsx", "prisma/seed-scale.ts"], url: "file:./data/bench/scale.seed.db" },
    ]);
    expect(fs.readFileSync(first.file, "utf8")).toBe("seed 1");

    calls = [];
    const second = prepareBenchDatabase(root, false, run);
    expect(second.seedSeconds).toBeNull();
    expect(calls).toEqual([
      { cmd: "npx", args: ["prisma", "migrate", "deploy"], url: "file:./data/bench/scale.seed.db" },
    ]);
  });

  it("throws away what a run wrote to its copy, WAL and all, and leaves the seed alone", () => {
    prepareBenchDatabase(root, false, run);
    fs.writeFileSync(copyFile(), "seed 1 plus a run's bookings");
    fs.writeFileSync(`${copyFile()}-wal`, "a run's last commits");
    fs.writeFileSync(`${copyFile()}-shm`, "index");

    const next = prepareBenchDatabase(root, false, run);
    expect(next.file).toBe(copyFile());
    expect(fs.readFileSync(copyFile(), "utf8")).toBe("seed 1");
    expect(fs.existsSync(`${copyFile()}-wal`)).toBe(false);
    expect(fs.existsSync(`${copyFile()}-shm`)).toBe(false);
    expect(fs.readFileSync(seedFile(), "utf8")).toBe("seed 1");
  });

  it("copies a WAL the seed's last writer left with it", () => {
    prepareBenchDatabase(root, false, run);
    fs.writeFileSync(`${seedFile()}-wal`, "a migration's commits");
    prepareBenchDatabase(root, false, run);
    expect(fs.readFileSync(`${copyFile()}-wal`, "utf8")).toBe("a migration's commits");
  });

  it("BENCH_RESEED seeds the kept file again", () => {
    prepareBenchDatabase(root, false, run);
    fs.writeFileSync(`${seedFile()}-wal`, "stale");
    const again = prepareBenchDatabase(root, true, run);
    expect(again.seedSeconds).not.toBeNull();
    expect(seeds).toBe(2);
    expect(fs.readFileSync(copyFile(), "utf8")).toBe("seed 2");
    expect(fs.existsSync(`${copyFile()}-wal`)).toBe(false);
  });
});
