// The database `npm run bench` measures. Every run starts from the same data: the scale seed is
// kept untouched in data/bench/scale.seed.db, and each run measures a fresh copy of it
// (data/bench/scale.db). Without that the bench measured its own leftovers: the POST rows store
// thousands of quiz attempts, completions, bookings and sessions per run, so each run saw a
// bigger database than the last, the booking POST filled the busy experts' month, and the quiz
// start ran out of learners who had not started its courses (decision 0014, session 13).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The copy the server measures (relative to the project root, as the server opens it). */
export const BENCH_DATABASE_URL = "file:./data/bench/scale.db";
const SEED_URL = "file:./data/bench/scale.seed.db";

type Run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) => void;

/** The bench scripts' way to run a command: in the project root, output shown, 15 minutes at most. */
export const commandRunner =
  (root: string) =>
  (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void => {
    execFileSync(cmd, args, { cwd: root, stdio: "inherit", env, timeout: 15 * 60_000 });
  };

const SIDE_FILES = ["-wal", "-shm", "-journal"];

function removeWithSideFiles(file: string): void {
  for (const suffix of ["", ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

/**
 * Seeds data/bench/scale.seed.db when it is missing or `reseed` is set, applies pending
 * migrations to it, then replaces data/bench/scale.db with a copy of it.
 */
export function prepareBenchDatabase(
  root: string,
  reseed: boolean,
  run: Run,
): { file: string; seedSeconds: number | null } {
  const fileOf = (url: string) => path.join(root, url.replace(/^file:/, ""));
  const seedFile = fileOf(SEED_URL);
  const file = fileOf(BENCH_DATABASE_URL);
  const env = { ...process.env, DATABASE_URL: SEED_URL, CHECKPOINT_DISABLE: "1" };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let seedSeconds: number | null = null; // null: the kept seed was reused
  if (reseed || !fs.existsSync(seedFile)) {
    console.log(
      `bench: seeding ${path.relative(root, seedFile)} (kept; every run measures a copy of it)`,
    );
    removeWithSideFiles(seedFile);
    const started = Date.now();
    run("npx", ["tsx", "prisma/seed-scale.ts"], env);
    seedSeconds = (Date.now() - started) / 1000;
    console.log(`bench: seeding took ${seedSeconds.toFixed(1)} s`);
  } else {
    console.log(
      `bench: reusing ${path.relative(root, seedFile)} (BENCH_RESEED=1 recreates it); applying new migrations`,
    );
    run("npx", ["prisma", "migrate", "deploy"], env);
  }
  // Nothing has the seed open now: its file and WAL (if one is left) are the whole database.
  removeWithSideFiles(file);
  fs.copyFileSync(seedFile, file);
  if (fs.existsSync(`${seedFile}-wal`)) fs.copyFileSync(`${seedFile}-wal`, `${file}-wal`);
  console.log(`bench: measuring a fresh copy, ${path.relative(root, file)}`);
  return { file, seedSeconds };
}
