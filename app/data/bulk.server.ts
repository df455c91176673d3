import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable } from "kysely";
import { dialectName, markBulkLoad, type DB } from "./db.server.ts";
import { BULK_LOAD_PRAGMAS } from "./sqlite.server.ts";

// Bulk inserts for the seeds and database tools (decision 0011): many rows per statement, as
// many as the dialect's bind-parameter limit allows, the statement text compiled once per
// (table, columns, rows) and reused, so a million-row load costs little more than the
// database's own work. Same SQL text on both dialects but for the placeholders and quoting,
// which Kysely's compiler of the handle supplies.

/** Bind parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's wire limit. */
export const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 } as const;

/** Rows per statement: within the parameter limit and at most `cap` (memory, statement cache). */
export function rowsPerStatement(
  columns: number,
  dialect: keyof typeof MAX_PARAMETERS = dialectName(),
  cap = 2000,
): number {
  return Math.max(1, Math.min(cap, Math.floor(MAX_PARAMETERS[dialect] / Math.max(1, columns))));
}

type Table = keyof DB & string;

const texts = new WeakMap<Kysely<DB>, Map<string, string>>();

/** The INSERT text for `n` rows of `columns`, compiled by `q`'s dialect once. */
function insertText(
  q: Kysely<DB>,
  table: string,
  columns: readonly string[],
  n: number,
  returning: readonly string[],
): string {
  let cache = texts.get(q);
  if (!cache) texts.set(q, (cache = new Map()));
  const key = `${table}\0${columns.join(",")}\0${n}\0${returning.join(",")}`;
  let text = cache.get(key);
  if (text === undefined) {
    const row = sql`(${sql.join(columns.map(() => null))})`;
    const values = sql.join(Array.from({ length: n }, () => row));
    const back = returning.length
      ? sql` RETURNING ${sql.join(returning.map((c) => sql.ref(c)))}`
      : sql``;
    text =
      sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${values}${back}`.compile(
        q,
      ).sql;
    if (cache.size > 200) cache.clear();
    cache.set(key, text);
  }
  return text;
}

/**
 * Inserts rows given as value arrays in `columns` order, in as few statements as the limit
 * allows; returns the `returning` columns of every row, in the order the rows were given
 * (each statement's RETURNING in its VALUES order, as both dialects return a single VALUES
 * insert; callers that need certainty match on a unique column they inserted).
 */
export async function insertValues<
  T extends Table,
  K extends keyof Selectable<DB[T]> & string = never,
>(
  q: Kysely<DB>,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  rows: readonly (readonly unknown[])[],
  returning: readonly K[] = [],
): Promise<Pick<Selectable<DB[T]>, K>[]> {
  const out: Pick<Selectable<DB[T]>, K>[] = [];
  const per = rowsPerStatement(columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const parameters: unknown[] = [];
    for (const r of chunk) {
      if (r.length !== columns.length)
        throw new Error(
          `insertValues ${table}: a row has ${r.length} values, not ${columns.length}`,
        );
      for (const v of r) parameters.push(v);
    }
    const text = insertText(q, table, columns, chunk.length, returning);
    const result = await q.executeQuery<Pick<Selectable<DB[T]>, K>>(
      CompiledQuery.raw(text, parameters),
    );
    if (returning.length) for (const r of result.rows) out.push(r);
  }
  return out;
}

/**
 * Inserts row objects (every row with the same keys as the first; `undefined` is not allowed,
 * write `null`, or leave the key out of every row for the column's default).
 */
export async function insertRows<
  T extends Table,
  K extends keyof Selectable<DB[T]> & string = never,
>(
  q: Kysely<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  returning: readonly K[] = [],
): Promise<Pick<Selectable<DB[T]>, K>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!) as (keyof DB[T] & string)[];
  const values = rows.map((r) => {
    const record: Record<string, unknown> = r;
    return columns.map((c) => {
      if (!(c in record) || record[c] === undefined)
        throw new Error(`insertRows ${table}: a row has no value for ${c}`);
      return record[c];
    });
  });
  return insertValues(q, table, columns, values, returning);
}

/**
 * A throw-away or freshly seeded database being filled: SQLite trades durability of the
 * last commits for speed (synchronous NORMAL) and keeps big indexes in cache while they are
 * built. PostgreSQL: nothing (the server's own settings). Only for seeds and tools on the
 * shared handle, which on SQLite is one connection.
 */
export async function forBulkLoad(q: Kysely<DB>): Promise<void> {
  if (dialectName() !== "sqlite") return;
  markBulkLoad();
  for (const p of BULK_LOAD_PRAGMAS) await sql.raw(p).execute(q);
}
