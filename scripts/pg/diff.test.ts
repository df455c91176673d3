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
});
