// Prisma config for generating PostgreSQL DDL offline (scripts/pg/diff.ts), never for
// connecting. Prisma 6.19's JS schema engine asks its adapter for the server version before
// it diffs two datamodels; this stand-in answers that one question as PostgreSQL 15 and
// refuses everything else, so no database and no downloaded engine are needed.
import { defineConfig } from "prisma/config";

const refuse = (what: string) => async () => {
  throw new Error(`prisma/pg/prisma.config.ts is for offline diffs only (${what})`);
};

const connection = {
  provider: "postgres",
  adapterName: "offline-diff",
  async queryRaw(query: { sql: string }) {
    if (!query.sql.includes("version()")) return refuse(query.sql.slice(0, 80))();
    // ColumnType codes of @prisma/driver-adapter-utils: 5 Boolean, 7 Text, 0 Int32.
    return {
      columnNames: ["exists", "version", "numeric_version"],
      columnTypes: [5, 7, 0],
      rows: [[true, "PostgreSQL 15", 150000]],
    };
  },
  executeRaw: refuse("executeRaw"),
  executeScript: refuse("executeScript"),
  startTransaction: refuse("startTransaction"),
  async dispose() {},
  getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.PG_DIFF_SCHEMA ?? "prisma/schema.prisma",
  async adapter() {
    return { ...connection, connect: async () => connection } as never;
  },
});
