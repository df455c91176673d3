// `npm run db:migrate:pg` (and `npm start` when DATABASE_URL is postgresql://): applies the
// pending PostgreSQL migrations of prisma/migrations-pg. Safe to run again; does nothing then.
import { isPostgresUrl, migratePg } from "./pg/migrate.ts";

const url = process.env.DATABASE_URL;
if (!isPostgresUrl(url)) {
  console.error(
    "db:migrate:pg: DATABASE_URL must be postgresql://… (SQLite uses npm run db:deploy)",
  );
  process.exit(2);
}
try {
  const { applied, total } = await migratePg(url);
  console.log(
    applied.length
      ? `db:migrate:pg: applied ${applied.join(", ")} (${total} migrations in all)`
      : `db:migrate:pg: up to date (${total} migrations)`,
  );
} catch (error) {
  console.error(`db:migrate:pg: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
