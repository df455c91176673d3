// The bare Remix reference of `npm run bench` (issue 14): scripts/bench/reference is built into
// data/bench/reference/build with the project's own node_modules and served by its Express
// template on BENCH_REF_PORT, so every row can be compared with the framework itself.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(root, "scripts/bench/reference");
const BUILD = path.join(root, "data/bench/reference/build");

function newest(dir: string): number {
  return Math.max(
    0,
    ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs;
    }),
  );
}

/** The fixture's pins must be the project's: the reference is only fair with the same packages. */
export function checkReferencePins(): void {
  const read = (file: string) =>
    JSON.parse(fs.readFileSync(file, "utf8")) as { dependencies: Record<string, string> };
  const ours = read(path.join(root, "package.json")).dependencies;
  const theirs = read(path.join(FIXTURE, "package.json")).dependencies;
  const differ = Object.entries(theirs).filter(([name, v]) => ours[name] !== v);
  if (differ.length > 0)
    throw new Error(
      `scripts/bench/reference/package.json pins differ from package.json: ${differ
        .map(([n, v]) => `${n} ${v} vs ${ours[n] ?? "missing"}`)
        .join(", ")}`,
    );
}

/** Builds the reference when its build is missing or older than the fixture. */
export function ensureReferenceBuild(): void {
  checkReferencePins();
  const entry = path.join(BUILD, "server/index.js");
  if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= newest(FIXTURE)) return;
  console.log("bench: building the bare Remix reference (scripts/bench/reference)");
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["vite:build", FIXTURE], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    timeout: 5 * 60_000,
  });
}

export function startReference(port: number): ChildProcess {
  return spawn(process.execPath, [path.join(FIXTURE, "server.mjs")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), REFERENCE_BUILD: BUILD },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
