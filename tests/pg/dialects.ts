// Plain SQL run alike on SQLite (better-sqlite3) and PostgreSQL (pg), for tests that compare
// the two dialects: `?` placeholders, and values marked as booleans or times so each side gets
// its own storage (SQLite: 0/1 and epoch ms, as this app's Prisma adapter writes them;
// PostgreSQL: boolean and a UTC TIMESTAMP(3)).
import type Database from "better-sqlite3";
import type pg from "pg";

export class Bool {
  constructor(readonly value: boolean) {}
}
export class Time {
  constructor(readonly ms: number) {}
}
export const bool = (v: boolean) => new Bool(v);
export const time = (iso: string) => new Time(Date.parse(iso));

export type Value = string | number | null | Bool | Time;

export interface Dialect {
  name: "sqlite" | "postgres";
  run(sql: string, ...params: Value[]): Promise<void>;
  all(sql: string, ...params: Value[]): Promise<Record<string, unknown>[]>;
}

export const pgTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

export function sqliteDialect(db: Database.Database): Dialect {
  const bind = (params: Value[]) =>
    params.map((p) => (p instanceof Bool ? Number(p.value) : p instanceof Time ? p.ms : p));
  return {
    name: "sqlite",
    async run(sql, ...params) {
      db.prepare(sql).run(...bind(params));
    },
    async all(sql, ...params) {
      return db.prepare(sql).all(...bind(params)) as Record<string, unknown>[];
    },
  };
}

export function pgDialect(client: pg.Client): Dialect {
  const bind = (params: Value[]) =>
    params.map((p) => (p instanceof Bool ? p.value : p instanceof Time ? pgTime(p.ms) : p));
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    name: "postgres",
    async run(sql, ...params) {
      await client.query(numbered(sql), bind(params));
    },
    async all(sql, ...params) {
      return (await client.query(numbered(sql), bind(params))).rows;
    },
  };
}
