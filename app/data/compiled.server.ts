import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { db, type DB } from "./db.server.ts";

// A hot path's query built and compiled once, then run with new parameters (decision 0011:
// the builder's own cost — build, compile, freeze — is most of a small statement's time).
// The builder receives placeholders in place of its arguments; they may be used only as
// whole values (`where(col, "=", x)`, `set({ col: x })`), never spread into lists or computed
// with, since the text is compiled once. Rows keep the one row shape (the connection converts).

const SLOT = Symbol("compiled query argument");
type Slot = { readonly [SLOT]: number };
const isSlot = (v: unknown): v is Slot => typeof v === "object" && v !== null && SLOT in v;

export type CompiledRunner<Args extends unknown[], O> = {
  /** The result rows. */
  rows(q: Kysely<DB>, ...args: Args): Promise<O[]>;
  /** For INSERT/UPDATE/DELETE: how many rows changed. */
  changes(q: Kysely<DB>, ...args: Args): Promise<bigint>;
};

export function compiled<Args extends unknown[], O>(
  arity: Args["length"],
  build: (q: Kysely<DB>, ...args: Args) => Compilable<O>,
): CompiledRunner<Args, O> {
  let once: ReturnType<Compilable<O>["compile"]> | undefined;
  const run = (q: Kysely<DB>, args: Args) => {
    if (!once) {
      const slots = Array.from({ length: arity }, (_, i): Slot => ({ [SLOT]: i }));
      // why: the placeholders stand in for the typed arguments only while the text compiles.
      once = build(q, ...(slots as unknown as Args)).compile();
    }
    const parameters = once.parameters.map((p) => (isSlot(p) ? args[p[SLOT]] : p));
    return q.executeQuery<O>({ ...once, parameters });
  };
  return {
    rows: async (q, ...args) => (await run(q, args)).rows,
    changes: async (q, ...args) => (await run(q, args)).numAffectedRows ?? 0n,
  };
}

/** One compiled query per list length (an `in` list's placeholders are part of the text). */
export function perLength<R>(make: (n: number) => R): (n: number) => R {
  const made = new Map<number, R>();
  return (n) => {
    let r = made.get(n);
    if (!r) made.set(n, (r = make(n)));
    return r;
  };
}

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
