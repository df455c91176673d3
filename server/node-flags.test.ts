import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./node-flags.mjs";

// Issue 14, session 11: the production server starts with a 16 MB young generation
// (server/node-flags.mjs), given on node's command line by `npm start`; the bench gives the app
// and its reference the same flags.
const root = path.resolve(import.meta.dirname, "..");

/** The young generation's size (both semi-spaces) of a fresh node started with these flags. */
function newSpaceBytes(flags: readonly string[]): number {
  const out = execFileSync(process.execPath, [
    ...flags,
    "-p",
    "require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size",
  ]);
  return Number(out.toString().trim());
}

describe("the server's V8 flags", () => {
  it("npm start passes exactly SERVER_NODE_FLAGS to node", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(" ")} scripts/start.mjs`);
  });

  it("the young generation starts at 16 MB a semi-space, not 1 MB", () => {
    expect(SERVER_NODE_FLAGS).toContain("--min-semi-space-size=16");
    expect(newSpaceBytes([])).toBeLessThan(4 * 1024 * 1024);
    expect(newSpaceBytes(SERVER_NODE_FLAGS)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
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
