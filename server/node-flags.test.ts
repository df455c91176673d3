import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./node-flags.mjs";

// Issue 14, session 11: the production server's young generation may grow to 32 MB a semi-space
// (server/node-flags.mjs), given on node's command line by `npm start`; the bench gives the app
// and its reference the same flags.
const root = path.resolve(import.meta.dirname, "..");

/**
 * The largest size (both semi-spaces) the young generation reaches in a fresh node started with
 * these flags, under an allocation whose objects survive long enough to make V8 grow it.
 */
function grownNewSpaceBytes(flags: readonly string[]): number {
  const script = `
    const v8 = require("node:v8");
    let keep = [], most = 0;
    for (let i = 0; i < 6e6; i++) {
      keep.push({ i, s: "x" + i });
      if (keep.length > 200000) keep = [];
      if (i % 100000 === 0) {
        const n = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
        most = Math.max(most, n.space_size);
      }
    }
    console.log(most);`;
  return Number(
    execFileSync(process.execPath, [...flags, "-e", script])
      .toString()
      .trim(),
  );
}

describe("the server's V8 flags", () => {
  it("npm start passes exactly SERVER_NODE_FLAGS to node", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(" ")} scripts/start.mjs`);
  });

  it("lets the young generation grow to 32 MB a semi-space, twice node's default", () => {
    const MB = 1024 * 1024;
    expect(SERVER_NODE_FLAGS).toContain("--max-semi-space-size=32");
    // space_size counts both semi-spaces.
    expect(grownNewSpaceBytes([])).toBeLessThanOrEqual(32 * MB);
    expect(grownNewSpaceBytes(SERVER_NODE_FLAGS)).toBeGreaterThan(32 * MB);
  });

  it("the bench starts the app and the bare Remix reference with them, and bench:cpu reads them", () => {
    const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
    expect(read("scripts/bench.ts")).toContain(
      '[...SERVER_NODE_FLAGS, ...nodeArgs, "server-build/index.js"]',
    );
    expect(read("scripts/bench/reference.ts")).toContain(
      '[...SERVER_NODE_FLAGS, path.join(FIXTURE, "server.mjs")]',
    );
    expect(read("scripts/bench-cpu.ts")).toContain("server/node-flags.mjs");
  });
});
