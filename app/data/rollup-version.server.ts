import type { Kysely } from "kysely";
import { compiled } from "./compiled.server.ts";
import { db, type DB } from "./db.server.ts";

// The version rows that tell a process whether what it keeps in memory is still the database's
// (decision 0010). Triggers bump a row on every write that can change what is kept under it, on
// both dialects; a request reads the row (one primary-key read) before it trusts a kept value, so
// another instance's write is seen at once.

/** Which `RollupVersion` row covers what (the triggers are in the migrations named in each). */
export const ROLLUP = {
  /** Every write a rollup of the assignment overview can see (decision 0010). */
  overview: 1,
  /** The org tree: any change of a unit (names, codes, order, moves). */
  tree: 2,
  /** Who is where: a user's role, status or unit, and the org tree (people counts). */
  people: 3,
  /** The annual figures (年度学法统计): completions, exam attempts, event attendance. */
  annual: 4,
  /** The staff question bank and its order (每日一题). */
  staffBank: 5,
  /** The catalogue's content: courses, and lessons added, removed, moved or (de)activated. */
  catalogue: 6,
} as const;
export type RollupId = (typeof ROLLUP)[keyof typeof ROLLUP];

const VERSION = compiled((q, id: number) =>
  q.selectFrom("RollupVersion").select("version").where("id", "=", id),
);

/** The row's version, or null before it is seeded (then nothing may be kept under it). */
export async function rollupVersion(id: RollupId, q: Kysely<DB> = db()): Promise<number | null> {
  return (await VERSION.first(q, id))?.version ?? null;
}
