import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generateSchemaTypes } from "./codegen.ts";

it("the committed table types match the migrated schema (run `npm run db:types` after a migration)", () => {
  // The test template database is migrated from prisma/migrations (tests/setup/global-setup.ts).
  const db = new Database(path.resolve("tests/.tmp/template.db"), { readonly: true });
  try {
    const committed = fs.readFileSync(path.resolve("app/data/schema.generated.ts"), "utf8");
    expect(generateSchemaTypes(db)).toBe(committed);
  } finally {
    db.close();
  }
});
