// Applies prisma/migrations-pg/<timestamp>_<name>/ in name order with Kysely's Migrator:
// each folder's migration.sql (then any other *.sql in it, by name) runs in one transaction;
// what ran is recorded in kysely_migration, and kysely_migration_lock keeps two instances
// starting at once from applying the same step twice.
import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import { Migrator, type Migration, type MigrationProvider } from "kysely/migration";
import pg from "pg";

export const PG_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations-pg");

/** The SQL files of one migration folder, in the order they run. */
export function migrationFiles(folder: string): string[] {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith(".sql"));
  if (!files.includes("migration.sql")) throw new Error(`${folder}: no migration.sql`);
  return ["migration.sql", ...files.filter((f) => f !== "migration.sql").sort()];
}

export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly dir = PG_MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const name of fs.readdirSync(this.dir).sort()) {
      const folder = path.join(this.dir, name);
      if (!fs.statSync(folder).isDirectory()) continue;
      const scripts = migrationFiles(folder).map((f) =>
        fs.readFileSync(path.join(folder, f), "utf8"),
      );
      migrations[name] = {
        // No parameters: pg sends each script with the simple protocol, statements and all.
        async up(db) {
          for (const script of scripts) await sql.raw(script).execute(db);
        },
      };
    }
    return migrations;
  }
}

export function isPostgresUrl(url: string | undefined): url is string {
  return /^postgres(ql)?:\/\//.test(url ?? "");
}

export type MigrateOutcome = { applied: string[]; total: number };

export async function migratePg(
  connectionString: string,
  dir = PG_MIGRATIONS_DIR,
): Promise<MigrateOutcome> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }),
  });
  try {
    const provider = new FolderMigrationProvider(dir);
    const migrator = new Migrator({ db, provider });
    const { error, results = [] } = await migrator.migrateToLatest();
    const failed = results.find((r) => r.status === "Error");
    if (error || failed) {
      const step = failed ? ` at ${failed.migrationName}` : "";
      throw new Error(
        `PostgreSQL migration failed${step}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    return {
      applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName),
      total: Object.keys(await provider.getMigrations()).length,
    };
  } finally {
    await db.destroy();
  }
}
