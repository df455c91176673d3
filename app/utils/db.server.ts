import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import path from "node:path";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { env } from "./env.server.ts";

export type Prisma = PrismaClient;
/** Either the client or a transaction client: module functions accept both. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// Connection settings: see docs/decisions/0003-sqlite-settings.md.
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
];

export function sqliteFilePath(url = env().DATABASE_URL): string {
  return path.resolve(url.replace(/^file:/, ""));
}

function createPrisma(): PrismaClient {
  const adapter = new PrismaBetterSQLite3(
    { url: `file:${sqliteFilePath()}`, timeout: 5000 },
    { timestampFormat: "unixepoch-ms" },
  );
  return new PrismaClient({ adapter });
}

function createReader(): Database.Database {
  // A second connection for hand-written SQL reads (rollups, counts): about
  // 30x cheaper per query than a Prisma model query on this stack.
  const db = new Database(sqliteFilePath(), { timeout: 5000 });
  for (const p of SQLITE_PRAGMAS) db.pragma(p.replace(/^PRAGMA /, ""));
  return db;
}

declare global {
  var __prisma: PrismaClient | undefined;
  var __prismaReady: Promise<void> | undefined;
  var __sqlite: Database.Database | undefined;
}

export const prisma: PrismaClient = (globalThis.__prisma ??= createPrisma());

/** Applies the pragmas on Prisma's connection; awaited before the first request. */
export function ensureDbReady(): Promise<void> {
  globalThis.__prismaReady ??= (async () => {
    for (const p of SQLITE_PRAGMAS) await prisma.$queryRawUnsafe(p);
  })();
  return globalThis.__prismaReady;
}

export function sqlite(): Database.Database {
  globalThis.__sqlite ??= createReader();
  return globalThis.__sqlite;
}

/** A unique index refused the write (Prisma P2002): two requests raced for one value. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement on the raw reader, prepared once per connection (hot pages run the same SQL on every request). */
export function stmt(sql: string): Database.Statement {
  const db = sqlite();
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
