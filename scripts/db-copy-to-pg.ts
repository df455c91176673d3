// `npm run db:copy-to-pg -- <sqlite file>`: moves a city from SQLite onto PostgreSQL. Run
// `npm run db:migrate:pg` first (DATABASE_URL=postgresql://…, an empty database); stop the
// app that writes the SQLite file. One transaction: on any difference nothing is kept.
import fs from "node:fs";
import { copySqliteToPg } from "./pg/copy.ts";
import { isPostgresUrl, migratePg } from "./pg/migrate.ts";

const file = process.argv[2];
const url = process.env.DATABASE_URL;
if (!file || !fs.existsSync(file) || !isPostgresUrl(url)) {
  console.error(
    "usage: DATABASE_URL=postgresql://… npm run db:copy-to-pg -- <sqlite file>   (stop the app first)",
  );
  process.exit(2);
}
try {
  const started = Date.now();
  await migratePg(url);
  const report = await copySqliteToPg(file, url, (line) => console.log(`db:copy-to-pg: ${line}`));
  const rows = report.reduce((n, r) => n + r.rows, 0);
  console.log(
    `db:copy-to-pg: ${report.length} tables, ${rows} rows copied and verified (row counts, integer sums) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(
    `db:copy-to-pg: ${error instanceof Error ? error.message : String(error)}; nothing was copied`,
  );
  process.exit(1);
}
