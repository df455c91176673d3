// Copies every table of a SQLite database into an empty, freshly migrated PostgreSQL database
// in one transaction: tables in foreign-key order (rows of a self-referencing table parents
// first), values converted to the PostgreSQL column types (SQLite keeps DateTime as epoch ms,
// or as "YYYY-MM-DD HH:MM:SS" UTC text from a CURRENT_TIMESTAMP default, and booleans as 0/1),
// ids kept and sequences moved past them, user triggers off during the copy (the kept pairs,
// counters and versions are copied as rows, not recomputed), then row counts and the sum of
// every integer column compared per table, and the kept counters checked against the pairs
// (scripts/pg/counters.ts). Any difference rolls the whole copy back.
import Database from "better-sqlite3";
import pg from "pg";
import { counterDifferences } from "./counters.ts";

const IGNORED = new Set(["_prisma_migrations", "kysely_migration", "kysely_migration_lock"]);
// Rows the PostgreSQL migrations seed; the copy replaces them with the source's.
const SEEDED = new Set(["RollupVersion"]);

type Column = { name: string; type: string; serial: boolean };
type Table = { name: string; columns: Column[]; parents: Set<string>; selfKey: string[] | null };
export type CopyReport = { table: string; rows: number }[];

export function pgTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let ms: number;
  if (typeof value === "number" || typeof value === "bigint") ms = Number(value);
  else if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value)) ms = Number(value);
  else if (typeof value === "string") {
    const iso = value.includes("T") ? value : value.replace(" ", "T");
    ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  } else ms = NaN;
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function convert(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === "boolean")
    return value === 1 || value === 1n || value === true || value === "true" || value === "1";
  if (type.startsWith("timestamp")) return pgTimestamp(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

async function describeTarget(client: pg.Client): Promise<Map<string, Table>> {
  const { rows: cols } = await client.query<{
    t: string;
    c: string;
    type: string;
    dflt: string | null;
  }>(
    // Tables only: a view (AssignmentCoverage) holds no rows of its own to copy.
    `SELECT table_name t, column_name c, data_type type, column_default dflt FROM information_schema.columns c
      WHERE table_schema = current_schema()
        AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema
                     AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
      ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, Table>();
  for (const c of cols) {
    if (IGNORED.has(c.t)) continue;
    if (!tables.has(c.t))
      tables.set(c.t, { name: c.t, columns: [], parents: new Set(), selfKey: null });
    tables
      .get(c.t)!
      .columns.push({ name: c.c, type: c.type, serial: /^nextval\(/.test(c.dflt ?? "") });
  }
  const { rows: fks } = await client.query<{ t: string; ref: string; cols: string[] }>(
    `SELECT cl.relname t, rf.relname ref,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k(n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) cols
       FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class rf ON rf.oid = c.confrelid
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace
      WHERE c.contype = 'f' AND ns.nspname = current_schema()`,
  );
  for (const fk of fks) {
    const table = tables.get(fk.t);
    if (!table) continue;
    if (fk.ref === fk.t) table.selfKey = fk.cols;
    else table.parents.add(fk.ref);
  }
  return tables;
}

/** Tables ordered so every table comes after the tables its foreign keys point to. */
export function foreignKeyOrder(tables: Map<string, { parents: Set<string> }>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`foreign-key cycle through ${name}`);
    state.set(name, "visiting");
    for (const parent of [...tables.get(name)!.parents].sort()) visit(parent);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of [...tables.keys()].sort()) visit(name);
  return order;
}

/** Rows of a self-referencing table, each after the row it points to (e.g. units after parents). */
function parentsFirst(
  rows: Record<string, unknown>[],
  key: string,
  ref = "id",
): Record<string, unknown>[] {
  const placed = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length) {
    const next = pending.filter((r) => r[key] !== null && r[key] !== r[ref] && !placed.has(r[key]));
    const ready = pending.filter((r) => !next.includes(r));
    if (!ready.length) throw new Error("self-reference cycle or a dangling parent");
    for (const r of ready) placed.add(r[ref]);
    out.push(...ready);
    pending = next;
  }
  return out;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function insertBatch(client: pg.Client, table: Table, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const params: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${table.columns.map((c) => {
        params.push(convert(c.type, row[c.name]));
        return `$${params.length}`;
      })})`,
  );
  await client.query(
    `INSERT INTO ${q(table.name)} (${table.columns.map((c) => q(c.name))}) VALUES ${tuples.join(", ")}`,
    params,
  );
}

export async function copySqliteToPg(
  sqliteFile: string,
  connectionString: string,
  log: (line: string) => void = () => {},
): Promise<CopyReport> {
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  source.defaultSafeIntegers(false);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const tables = await describeTarget(client);
    const sourceTables = (
      source
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((t) => !IGNORED.has(t));
    const missing = sourceTables.filter((t) => !tables.has(t));
    const extra = [...tables.keys()].filter((t) => !sourceTables.includes(t));
    if (missing.length || extra.length)
      throw new Error(
        `the databases' tables differ (only in SQLite: ${missing.join(", ") || "none"}; only in PostgreSQL: ${extra.join(", ") || "none"}); migrate both to the same version first`,
      );
    for (const table of tables.values()) {
      const sourceCols = (
        source.prepare(`PRAGMA table_info(${q(table.name)})`).all() as { name: string }[]
      ).map((c) => c.name);
      const absent = table.columns.filter((c) => !sourceCols.includes(c.name)).map((c) => c.name);
      if (absent.length)
        throw new Error(`${table.name}: columns missing in SQLite: ${absent.join(", ")}`);
    }

    await client.query("BEGIN");
    for (const name of tables.keys()) {
      const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${q(name)}`);
      if (Number(rows[0]!.n) > 0 && !SEEDED.has(name))
        throw new Error(
          `PostgreSQL table ${name} is not empty: copy only into a freshly migrated database`,
        );
    }
    const order = foreignKeyOrder(tables);
    for (const name of order) await client.query(`ALTER TABLE ${q(name)} DISABLE TRIGGER USER`);
    for (const name of SEEDED) if (tables.has(name)) await client.query(`DELETE FROM ${q(name)}`);

    const report: CopyReport = [];
    for (const name of order) {
      const table = tables.get(name)!;
      const batch = Math.max(1, Math.min(1000, Math.floor(30000 / table.columns.length)));
      const select = source.prepare(`SELECT * FROM ${q(name)} ORDER BY rowid`);
      const rows: Iterable<Record<string, unknown>> = table.selfKey
        ? parentsFirst(select.all() as Record<string, unknown>[], table.selfKey[0]!)
        : (select.iterate() as Iterable<Record<string, unknown>>);
      let pending: Record<string, unknown>[] = [];
      let count = 0;
      for (const row of rows) {
        pending.push(row);
        if (pending.length === batch) {
          await insertBatch(client, table, pending);
          count += pending.length;
          pending = [];
        }
      }
      await insertBatch(client, table, pending);
      count += pending.length;
      report.push({ table: name, rows: count });
      log(`${name}: ${count}`);
    }

    for (const table of tables.values())
      for (const c of table.columns.filter((col) => col.serial))
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${q(c.name)}) FROM ${q(table.name)}), 0) + 1, false)`,
          [q(table.name), c.name],
        );
    for (const name of order) await client.query(`ALTER TABLE ${q(name)} ENABLE TRIGGER USER`);

    await verify(source, client, tables);
    await client.query("COMMIT");
    // Planner statistics at once: a fresh copy has none until autovacuum gets to it (a minute
    // or more), and without them PostgreSQL plans the first requests badly (nested loops over
    // row estimates of 1; EXPLAIN of the manager home: 4,820 buffers instead of 153).
    await client.query("ANALYZE");
    return report;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
    source.close();
  }
}

/** Per table: the row count and the sum of every integer column (ids, counters) must agree. */
async function verify(source: Database.Database, client: pg.Client, tables: Map<string, Table>) {
  const differences: string[] = [];
  for (const table of tables.values()) {
    const ints = table.columns.filter((c) => c.type === "integer").map((c) => c.name);
    const exprs = ["COUNT(*)", ...ints.map((c) => `COALESCE(SUM(${q(c)}), 0)`)];
    const labels = ["rows", ...ints.map((c) => `sum(${c})`)];
    const sql = `SELECT ${exprs.map((e, i) => `${e} AS c${i}`).join(", ")} FROM ${q(table.name)}`;
    const a = source.prepare(sql).get() as Record<string, number>;
    const b = (await client.query(sql)).rows[0] as Record<string, string>;
    labels.forEach((label, i) => {
      if (String(a[`c${i}`]) !== String(b[`c${i}`]))
        differences.push(`${table.name} ${label}: SQLite ${a[`c${i}`]}, PostgreSQL ${b[`c${i}`]}`);
    });
  }
  if (differences.length)
    throw new Error(`copy differs from the source:\n  ${differences.join("\n  ")}`);
  const counters = Object.entries(await counterDifferences(client)).filter(([, n]) => n > 0);
  if (counters.length)
    throw new Error(
      `the kept counters disagree with the assignment pairs (${counters.map(([t, n]) => `${t}: ${n} rows`).join(", ")}); ` +
        "run npm run db:pairs -- --rebuild on the SQLite database, then copy again",
    );
}
