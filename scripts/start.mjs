// `npm start`: build if needed, migrate, seed an empty database, serve.
// One process: after the preparation the server runs here, so SIGTERM reaches it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
process.env.NODE_ENV = "production";
process.env.CHECKPOINT_DISABLE = "1";
process.env.DATABASE_URL ??= "file:./data/app.db";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit", env: process.env });

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

const outputs = ["build/server/index.js", "server-build/index.js"];
const builtAt = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
const sourcesAt = Math.max(
  ...["app", "server", "public", "package-lock.json", "vite.config.ts", "remix.config.js"].map(
    newestMtime,
  ),
);
if (builtAt === 0 || sourcesAt > builtAt) {
  console.log("start: building the app");
  run("npm", ["run", "build"]);
}

console.log("start: applying migrations");
if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL)) {
  // PostgreSQL: prisma/migrations-pg through Kysely's Migrator (prisma migrate deploy cannot
  // run over the pg adapter, prisma/orm#27403).
  run(bin("tsx"), ["scripts/db-migrate-pg.ts"]);
} else {
  fs.mkdirSync(path.dirname(path.resolve(process.env.DATABASE_URL.replace(/^file:/, ""))), {
    recursive: true,
  });
  run(bin("prisma"), ["migrate", "deploy"]);
}
run(bin("tsx"), ["prisma/seed.ts"]);
run(bin("tsx"), ["scripts/content-sync.ts"]);

await import(path.join(root, "server-build", "index.js"));
