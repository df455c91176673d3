import { compiled } from "#app/data/compiled.server.ts";

// The home pages' people counts scan every user below a unit (the city: 50,000 rows, tens of
// milliseconds). They are kept in memory under RollupVersion 3, which triggers bump whenever a
// user's role, status or unit or the org tree changes (decision 0014); one indexed read per
// request tells whether a kept value is still the truth, also across processes.
const kept = new Map<string, { version: number; value: unknown }>();
const MAX_KEPT = 5000;

// Read on every manager and admin home: compiled once (decision 0011).
const VERSION = compiled((q, id: number) =>
  q.selectFrom("RollupVersion").select("version").where("id", "=", id),
);

export async function peopleVersion(): Promise<number | null> {
  const [row] = await VERSION.read(3);
  return row?.version ?? null;
}

/** `compute()`, or the value it gave for `key` under the current people version. */
export async function keptForPeople<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
  const version = await peopleVersion();
  if (version === null) return compute();
  const hit = kept.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = await compute();
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, { version, value });
  return value;
}
