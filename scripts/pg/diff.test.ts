// The PostgreSQL twin of a migration step is generated offline from the same two schemas.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { pgDiff, toPgSchema } from "./diff.ts";

const schema = fs.readFileSync("prisma/schema.prisma", "utf8");

describe("PostgreSQL migration generation", () => {
  it("switches only the datasource provider", () => {
    const pg = toPgSchema(schema);
    expect(pg).toContain('provider = "postgresql"');
    expect(pg.replace('provider = "postgresql"', 'provider = "sqlite"')).toBe(schema);
  });

  it("diffs one step (previous schema to current) into PostgreSQL DDL, offline, without Prisma's log lines", () => {
    const next = schema.replace(/(model User \{\n)/, "$1  nickname String?\n");
    const sql = pgDiff(schema, next);
    expect(sql).toMatch(/^-- AlterTable\nALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT;/);
    expect(sql).not.toMatch(/Prisma config|CREATE SCHEMA/);
  }, 60_000);

  it("exist for every SQLite migration after the PostgreSQL baseline, under the same folder name", () => {
    const pg = fs.readdirSync("prisma/migrations-pg").filter((f) => /^\d{14}_/.test(f));
    const baseline = pg.find((f) => f.endsWith("_baseline"))!.slice(0, 14);
    const missing = fs
      .readdirSync("prisma/migrations")
      .filter((f) => /^\d{14}_/.test(f) && f.slice(0, 14) > baseline && !pg.includes(f));
    expect(missing, "run npm run db:migration:pg -- <folder> and write its triggers' twin").toEqual(
      [],
    );
  });
});
