import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { db, type DB } from "./db.server.ts";

// For the hottest reads only (the session lookup on every request): building and compiling a
// Kysely query costs more than running a simple indexed select, so the query is built and
// compiled once per shared handle and then run with each call's arguments. The compiled SQL
// is the dialect's own, so this stays portable.

type Cached<R> = { handle: Kysely<DB>; query: CompiledQuery<R>; slots: number[] };

/**
 * `compiledRead((q, id: string) => q.selectFrom(…).where("id", "=", id))` returns a function
 * that runs that query with new arguments and resolves to its rows. The arguments may be used
 * as values in the query only (compared, inserted), never to choose its shape: the builder
 * runs once, with stand-ins in their places.
 */
export function compiledRead<A extends unknown[], R>(
  build: (q: Kysely<DB>, ...args: A) => Compilable<R>,
): (...args: A) => Promise<R[]> {
  let cached: Cached<R> | undefined;
  return async (...args: A) => {
    const handle = db();
    if (cached?.handle !== handle) {
      const standIns: unknown[] = args.map((_, i) => ({ compiledReadArgument: i }));
      // why: the builder only places its arguments as parameters; each stand-in is found again
      // below by identity, so the real value lands wherever (and however often) it was used.
      const query = build(handle, ...(standIns as A)).compile();
      const slots = query.parameters.map((p) => standIns.indexOf(p));
      cached = { handle, query, slots };
    }
    const { query, slots } = cached;
    const parameters = query.parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p));
    const run: CompiledQuery<R> = { ...query, parameters };
    const { rows } = await handle.executeQuery(run);
    return rows;
  };
}
