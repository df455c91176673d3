import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { db, type DB } from "./db.server.ts";
import { markPrepared } from "./prepared.ts";

// A hot path's query built and compiled once, then run with new arguments (decision 0011: the
// builder's own cost — build, compile, freeze — is most of a small statement's time, e.g. the
// session lookup on every request, the quiz's save and submit).
//
// The builder receives stand-ins in place of its arguments; they may be used only as whole
// values (`where(col, "=", x)`, `set({ col: x })`, `where(col, "in", ids)` with a rest
// parameter), never to choose the query's shape or computed with, since the text is compiled
// once. An argument the compiled text does not carry as a parameter is refused at once.
//
// The compiled text is the dialect's own (`?` or `$1`, its quoting), so it is cached per
// connection handle: keyed by the handle's adapter, which a transaction shares with the handle
// it came from and a new handle (closeDb, another DATABASE_URL) does not. So a process that
// switches from SQLite to PostgreSQL never runs SQL compiled for the other. Within a handle
// the cache is keyed by the number of arguments: a rest parameter (`...ids`) gets one
// compiled text per list length. Rows keep the one row shape (the connection converts).

const SLOT = Symbol("compiled query argument");
type Slot = { readonly [SLOT]: number };
const isSlot = (v: unknown): v is Slot => typeof v === "object" && v !== null && SLOT in v;

type Entry<O> = { query: CompiledQuery<O>; slotOf: number[] };

/** Different argument counts (list lengths) kept per handle before the cache starts again. */
const MAX_LENGTHS = 64;

export type Compiled<Args extends unknown[], O> = {
  /** The result rows, on the given handle or transaction. */
  rows(q: Kysely<DB>, ...args: Args): Promise<O[]>;
  /** The first row, or undefined. */
  first(q: Kysely<DB>, ...args: Args): Promise<O | undefined>;
  /** For INSERT/UPDATE/DELETE: how many rows changed. */
  changes(q: Kysely<DB>, ...args: Args): Promise<bigint>;
  /** The rows, read on the shared handle `db()`. */
  read(...args: Args): Promise<O[]>;
  /** The compiled text with these arguments, for a runner of its own (counterWrite). */
  query(q: Kysely<DB>, ...args: Args): CompiledQuery<O>;
};

type Build<Args extends unknown[], O> = (q: Kysely<DB>, ...args: Args) => Compilable<O>;

/**
 * `const byId = compiled((q, id: number) => q.selectFrom("User").select("name").where("id", "=", id))`
 * then `await byId.rows(tx, 42)` inside `write`, or `await byId.read(42)` on the shared handle.
 */
export function compiled<Args extends unknown[], O>(build: Build<Args, O>): Compiled<Args, O>;
/** @deprecated The arity is no longer needed (it is the number of arguments): `compiled(build)`. */
export function compiled<Args extends unknown[], O>(
  arity: number,
  build: Build<Args, O>,
): Compiled<Args, O>;
export function compiled<Args extends unknown[], O>(
  first: Build<Args, O> | number,
  second?: Build<Args, O>,
): Compiled<Args, O> {
  const build = typeof first === "function" ? first : second!;
  const byHandle = new WeakMap<object, Map<number, Entry<O>>>();

  const prepare = (q: Kysely<DB>, n: number): Entry<O> => {
    const adapter = q.getExecutor().adapter;
    let byLength = byHandle.get(adapter);
    if (!byLength) byHandle.set(adapter, (byLength = new Map()));
    let entry = byLength.get(n);
    if (!entry) {
      const slots = Array.from({ length: n }, (_, i): Slot => ({ [SLOT]: i }));
      // why: the stand-ins take the typed arguments' places only while the text compiles; each
      // is found again below among the parameters, so a real value lands wherever it was used.
      const query = build(q, ...(slots as unknown as Args)).compile();
      const slotOf = query.parameters.map((p) => (isSlot(p) ? p[SLOT] : -1));
      for (let i = 0; i < n; i++)
        if (!slotOf.includes(i))
          throw new TypeError(
            `compiled(): argument ${i + 1} is not a value in the query (arguments may only be compared, inserted or set)`,
          );
      // One fixed text run on every request: PostgreSQL keeps it prepared (prepared.ts).
      markPrepared(query.sql);
      if (byLength.size >= MAX_LENGTHS) byLength.clear();
      byLength.set(n, (entry = { query, slotOf }));
    }
    return entry;
  };

  const bound = (q: Kysely<DB>, args: Args): CompiledQuery<O> => {
    const { query, slotOf } = prepare(q, args.length);
    const parameters = query.parameters.map((p, i) => (slotOf[i]! >= 0 ? args[slotOf[i]!] : p));
    return { ...query, parameters };
  };
  const run = (q: Kysely<DB>, args: Args) => q.executeQuery(bound(q, args));

  return {
    query: (q, ...args) => bound(q, args),
    rows: async (q, ...args) => (await run(q, args)).rows,
    first: async (q, ...args) => (await run(q, args)).rows[0],
    changes: async (q, ...args) => (await run(q, args)).numAffectedRows ?? 0n,
    read: async (...args) => (await run(db(), args)).rows,
  };
}

/** @deprecated `compiled(build).read`: kept until every caller has moved (branch rollup). */
export function compiledRead<Args extends unknown[], O>(
  build: Build<Args, O>,
): (...args: Args) => Promise<O[]> {
  return compiled(build).read;
}

/** @deprecated `compiled()` keys its cache by the number of arguments itself. */
export function perLength<R>(make: (n: number) => R): (n: number) => R {
  const made = new Map<number, R>();
  return (n) => {
    let r = made.get(n);
    if (!r) made.set(n, (r = make(n)));
    return r;
  };
}
