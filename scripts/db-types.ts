// Regenerates app/data/schema.generated.ts from a freshly migrated throw-away database
// (offline: `prisma migrate deploy` on a temporary file). Usage: npm run db:types
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateSchemaTypes } from "../app/data/codegen.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "db-types-"));
const file = path.join(dir, "schema.db");
try {
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
  });
  const db = new Database(file, { readonly: true });
  const source = generateSchemaTypes(db);
  db.close();
  fs.writeFileSync("app/data/schema.generated.ts", source);
  console.log("app/data/schema.generated.ts written");
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
