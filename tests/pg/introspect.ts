// One comparable shape of a migrated database, read from SQLite (sqlite_master, pragmas) or
// from PostgreSQL (pg_catalog, information_schema): tables, columns (type, nullability,
// default), primary keys, foreign keys and indexes, in a stable order; and the views with
// their columns (name and comparable type).
import Database from "better-sqlite3";
import type pg from "pg";

export type Shape = Record<
  string,
  { columns: string[]; primaryKey: string[]; foreignKeys: string[]; indexes: string[] }
>;

// Bookkeeping tables of the two migrators are not part of the schema.
const IGNORED = new Set(["_prisma_migrations", "kysely_migration", "kysely_migration_lock"]);
// PostgreSQL allows identifiers of 63 bytes: Prisma shortens longer index names to 63 there,
// so names that long are compared by their columns only.
const indexName = (name: string) => (name.length >= 63 ? "<long name>" : name);

const SQLITE_TYPES: Record<string, string> = {
  INTEGER: "integer",
  TEXT: "text",
  DATETIME: "timestamp",
  BOOLEAN: "boolean",
  REAL: "double",
};
const PG_TYPES: Record<string, string> = {
  integer: "integer",
  text: "text",
  "timestamp without time zone": "timestamp",
  boolean: "boolean",
  "double precision": "double",
};
const ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

const column = (name: string, type: string | undefined, notNull: boolean, dflt: string | null) =>
  `${name} ${type ?? "?"}${notNull ? " NOT NULL" : ""}${dflt === null ? "" : ` DEFAULT ${dflt}`}`;

export function sqliteShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string; sql: string }[];
    const shape: Shape = {};
    for (const { name, sql } of tables) {
      if (IGNORED.has(name)) continue;
      const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[];
      const autoincrement = /AUTOINCREMENT/i.test(sql);
      const fks = db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
        id: number;
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }[];
      const byId = new Map<number, typeof fks>();
      for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
      const indexes = (
        db.prepare(`PRAGMA index_list("${name}")`).all() as {
          name: string;
          unique: number;
          origin: string;
        }[]
      ).filter((i) => i.origin !== "pk");
      shape[name] = {
        columns: cols
          .map((c) => {
            const serial = autoincrement && c.pk === 1 && c.type === "INTEGER";
            return column(
              c.name,
              SQLITE_TYPES[c.type],
              c.notnull === 1 || c.pk > 0,
              serial ? "autoincrement" : c.dflt_value,
            );
          })
          .sort(),
        primaryKey: cols
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        foreignKeys: [...byId.values()]
          .map((parts) => {
            const p = parts[0]!;
            return `(${parts.map((x) => x.from)}) -> ${p.table}(${parts.map((x) => x.to)}) ON DELETE ${p.on_delete} ON UPDATE ${p.on_update}`;
          })
          .sort(),
        indexes: indexes
          .map((i) => {
            const cols = (
              db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]
            ).map((c) => c.name);
            return `${indexName(i.name)}${i.unique ? " UNIQUE" : ""} (${cols})`;
          })
          .sort(),
      };
    }
    return shape;
  } finally {
    db.close();
  }
}

const normaliseDefault = (d: string | null) =>
  d === null ? null : /^nextval\(/.test(d) ? "autoincrement" : d.replace(/::[a-z ]+$/, "");

export async function pgShape(client: pg.Client): Promise<Shape> {
  const q = async <T>(text: string) => (await client.query(text)).rows as T[];
  const cols = await q<{
    t: string;
    c: string;
    type: string;
    nullable: string;
    dflt: string | null;
  }>(
    `SELECT table_name t, column_name c, data_type type, is_nullable nullable, column_default dflt
       FROM information_schema.columns c WHERE table_schema = 'public'
        AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = 'public'
                     AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')`,
  );
  const keys = await q<{
    t: string;
    kind: string;
    cols: string[];
    ref: string | null;
    refcols: string[] | null;
    del: string;
    upd: string;
  }>(
    `SELECT cl.relname t, c.contype kind, rf.relname ref, c.confdeltype del, c.confupdtype upd,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) cols,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) refcols
       FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_namespace ns ON ns.oid = cl.relnamespace LEFT JOIN pg_class rf ON rf.oid = c.confrelid
      WHERE ns.nspname = 'public' AND c.contype IN ('p', 'f')`,
  );
  const indexes = await q<{ t: string; name: string; uniq: boolean; cols: string[] }>(
    `SELECT t.relname t, i.relname name, x.indisunique uniq,
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o) cols
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = 'public' AND NOT x.indisprimary`,
  );
  const shape: Shape = {};
  for (const c of cols) {
    if (IGNORED.has(c.t)) continue;
    shape[c.t] ??= { columns: [], primaryKey: [], foreignKeys: [], indexes: [] };
    shape[c.t]!.columns.push(
      column(c.c, PG_TYPES[c.type], c.nullable === "NO", normaliseDefault(c.dflt)),
    );
  }
  for (const k of keys) {
    const table = shape[k.t];
    if (!table) continue;
    if (k.kind === "p") table.primaryKey = k.cols;
    else
      table.foreignKeys.push(
        `(${k.cols}) -> ${k.ref}(${k.refcols}) ON DELETE ${ACTIONS[k.del]} ON UPDATE ${ACTIONS[k.upd]}`,
      );
  }
  for (const i of indexes)
    shape[i.t]?.indexes.push(`${indexName(i.name)}${i.uniq ? " UNIQUE" : ""} (${i.cols})`);
  for (const table of Object.values(shape)) {
    table.columns.sort();
    table.foreignKeys.sort();
    table.indexes.sort();
  }
  return shape;
}

/** Each view with its columns ("name type"), in order. */
export type Views = Record<string, string[]>;

export function sqliteViews(file: string): Views {
  const db = new Database(file, { readonly: true });
  try {
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
      .pluck()
      .all() as string[];
    const views: Views = {};
    for (const name of names)
      views[name] = (
        db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[]
      ).map((c) => `${c.name} ${SQLITE_TYPES[c.type] ?? "?"}`);
    return views;
  } finally {
    db.close();
  }
}

export async function pgViews(client: pg.Client): Promise<Views> {
  const { rows } = await client.query<{ t: string; c: string; type: string }>(
    `SELECT c.table_name t, c.column_name c, c.data_type type
       FROM information_schema.columns c JOIN information_schema.views v
         ON v.table_schema = c.table_schema AND v.table_name = c.table_name
      WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`,
  );
  const views: Views = {};
  for (const r of rows) (views[r.t] ??= []).push(`${r.c} ${PG_TYPES[r.type] ?? "?"}`);
  return views;
}
