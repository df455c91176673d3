// Runs before each test file: a fresh copy of the migrated template database.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

const tmp = path.resolve("tests/.tmp");
const file = path.join(tmp, `unit-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(path.join(tmp, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "silent";

afterAll(async () => {
  await globalThis.__prisma?.$disconnect();
  await globalThis.__kysely?.db.destroy();
  globalThis.__kysely = undefined;
  globalThis.__sqlite?.close();
  globalThis.__sqliteWriter?.close();
  globalThis.__sqliteWriter = undefined;
  globalThis.__prisma = undefined;
  globalThis.__prismaReady = undefined;
  globalThis.__sqlite = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
