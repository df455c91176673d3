// Which statement texts PostgreSQL keeps prepared on each connection (issue 13). A compiled()
// query (compiled.server.ts) has one fixed text, run on every request: sent by name, the server
// parses it once per connection and, after a few runs, reuses its plan, instead of parsing and
// planning it again on every call. On this machine planning was most of a small statement's
// server time (EXPLAIN: planning 1–30 ms against 0.1–8 ms of execution). Other texts (built per
// call, with lists of any length) stay unnamed, so a connection never keeps an unbounded number.
// SQLite's driver keeps its own statement cache; this list is read by PostgreSQL's pool only.

/** Distinct texts named at most; past it, new texts run unnamed (nothing grows without bound). */
export const MAX_PREPARED = 2000;

declare global {
  // why: the server entry (server-build) and the Remix bundle each hold a copy of this module;
  // the pool (entry) must see the texts compiled() marks (bundle), so the list is one per process.
  var __fzxtPrepared: Map<string, string> | undefined;
}
const names = (globalThis.__fzxtPrepared ??= new Map<string, string>());

/** Marks a compiled query's text as kept prepared (idempotent). */
export function markPrepared(text: string): void {
  if (names.has(text) || names.size >= MAX_PREPARED) return;
  names.set(text, `fzxt_${names.size + 1}`);
}

/** The statement name of a marked text, or undefined (run it unnamed). */
export const preparedName = (text: string): string | undefined => names.get(text);
