import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// .env is not read when this file exists; the default keeps the CLI on the JS
// engine (an unresolved url makes it try to download a query engine).
process.env.DATABASE_URL ??= "file:./data/app.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  async adapter() {
    return new PrismaBetterSQLite3({ url }, { timestampFormat: "unixepoch-ms" });
  },
});
