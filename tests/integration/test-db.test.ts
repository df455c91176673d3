// The integration suite's own database (tests/setup): SQLite by default; TEST_DB=pg runs every
// file on its own PostgreSQL database, a copy of one template migrated by the Kysely migrator.
import fs from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db, dialectName } from "#app/data/db.server.ts";
import { PG_PENDING_FILES, PG_PENDING_TESTS } from "../setup/pg-pending.ts";
import { PG_MODE } from "../setup/test-db.ts";

describe("the test database", () => {
  it("is the dialect TEST_DB asks for: PostgreSQL with TEST_DB=pg, else SQLite", () => {
    expect(process.env.DATABASE_URL).toMatch(PG_MODE ? /^postgresql:\/\// : /^file:/);
    expect(dialectName()).toBe(PG_MODE ? "postgres" : "sqlite");
  });

  it.runIf(PG_MODE)(
    "TEST_DB=pg: this file's own database, copied from the migrated template (no content: files sync their own)",
    async () => {
      const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
      expect(name).toMatch(/^itest_\d+_[0-9a-f]{8}$/);
      const current = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db());
      expect(current.rows[0]!.name).toBe(name);
      const migrations = fs
        .readdirSync("prisma/migrations-pg", { withFileTypes: true })
        .filter((d) => d.isDirectory()).length;
      const applied = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM kysely_migration`.execute(
        db(),
      );
      expect(applied.rows[0]!.n).toBe(migrations);
      const courses = await db().selectFrom("Course").select("slug").execute();
      expect(courses).toEqual([]);
    },
  );

  it("lists only files that exist as pending on PostgreSQL, each with a reason", () => {
    for (const [file, reason] of Object.entries(PG_PENDING_FILES)) {
      expect(fs.existsSync(file), file).toBe(true);
      expect(reason.length, file).toBeGreaterThan(10);
    }
    for (const [file, tests] of Object.entries(PG_PENDING_TESTS)) {
      expect(fs.existsSync(file), file).toBe(true);
      const text = fs.readFileSync(file, "utf8");
      for (const name of Object.keys(tests)) expect(text, name).toContain(name);
    }
  });
});
