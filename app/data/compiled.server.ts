import type { Compilable, Kysely } from "kysely";
import type { DB } from "./schema.generated.ts";

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
