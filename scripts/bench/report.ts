// The bench's table and its verdicts: each row against /about and against the bare Remix
// reference at the same concurrency, and against the row's goal (scripts/bench/targets.ts).
import type { BenchGoal } from "./targets.ts";

export type Row = {
  name: string;
  reference: boolean;
  path: string;
  method: string;
  role: string | null;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  expectedStatus: string;
  expected: number;
  non2xx: number;
  errorResponses: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  ratioToAbout: number | null;
  ratioToRef: number | null;
  p99At4Ms: number | null;
  goal: BenchGoal | null;
  goalMet: boolean | null;
  goalNote: string | null;
  flag: string | null;
  measured: string | null;
  outcome: Record<string, number> | null;
};

/** Terminal columns of a string: CJK and full-width characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
const padEnd = (text: string, w: number) => text + " ".repeat(Math.max(0, w - width(text)));
const padStart = (text: string, w: number) => " ".repeat(Math.max(0, w - width(text))) + text;
const pct = (r: number | null) => (r === null ? "-" : `${(r * 100).toFixed(0)}%`);

export function table(rows: Row[]): string {
  const head = [
    "target",
    "path",
    "conns",
    "req/s",
    "p50 ms",
    "p99 ms",
    "p99@4",
    "requests",
    "ok (status)",
    "4xx/5xx",
    "vs /about",
    "vs ref",
    "goal",
    "note",
  ];
  const body = rows.map((r) => [
    r.name,
    r.method === "GET" ? r.path : `${r.method} ${r.path}`,
    String(r.connections),
    r.requestsPerSec.toFixed(1),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    r.p99At4Ms === null ? "-" : r.p99At4Ms.toFixed(1),
    String(r.total),
    `${r.expected} (${r.expectedStatus})`,
    String(r.errorResponses),
    r.reference ? "-" : pct(r.ratioToAbout),
    pct(r.ratioToRef),
    r.goalNote ?? "",
    r.flag ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const left = new Set([0, 1, 12, 13]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left.has(i) ? padEnd(c, widths[i]!) : padStart(c, widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function judge(row: Row): void {
  const goal = row.goal;
  if (!goal) return;
  const misses: string[] = [];
  const below = (ratio: number | null, min: number | undefined, label: string) => {
    if (min !== undefined && (ratio === null || ratio < min))
      misses.push(`<${(min * 100).toFixed(0)}%${label}`);
  };
  below(row.ratioToAbout, goal.minRatio || undefined, "");
  below(row.ratioToRef, goal.minRefRatio, " ref");
  if (goal.maxP99Ms !== undefined && row.p99Ms >= goal.maxP99Ms)
    misses.push(`p99>=${goal.maxP99Ms}`);
  if (goal.maxP99At4Ms !== undefined && (row.p99At4Ms === null || row.p99At4Ms >= goal.maxP99At4Ms))
    misses.push(`p99@4>=${goal.maxP99At4Ms}`);
  if (row.errorResponses > 0 || row.errors > 0 || row.timeouts > 0) misses.push("errors");
  row.goalMet = misses.length === 0;
  row.goalNote = row.goalMet ? "ok" : `MISS ${misses.join(" ")}`;
}

/**
 * Issue 14's own goals for a row (against the reference, p99 at 4 connections), leaving out the
 * older goals against /about the same row may carry (issues 4 and 8 set them when /about was a
 * sixth of today's speed): the names of the rows that carry one and miss it.
 */
export function issue14Misses(rows: Row[]): { carried: number; missed: string[] } {
  const carried = rows.filter(
    (r) => r.goal?.minRefRatio !== undefined || r.goal?.maxP99At4Ms !== undefined,
  );
  const missed = carried.filter((r) => {
    const g = r.goal!;
    if (g.minRefRatio !== undefined && (r.ratioToRef === null || r.ratioToRef < g.minRefRatio))
      return true;
    return g.maxP99At4Ms !== undefined && (r.p99At4Ms === null || r.p99At4Ms >= g.maxP99At4Ms);
  });
  return { carried: carried.length, missed: missed.map((r) => r.name) };
}

/**
 * A row's base: the matching row (/about, or the reference) at the same concurrency measured
 * before the row's group and, when the group ends with one, the mean with that one (this
 * machine's speed drifts in a run).
 */
function baseFor(rows: Row[], i: number, isBase: (r: Row | undefined) => r is Row): number | null {
  const before = rows.slice(0, i).reverse().find(isBase) ?? rows.find(isBase);
  let j = i + 1;
  while (j < rows.length && rows[j]!.path !== "/about") j++;
  while (j < rows.length && rows[j]!.path === "/about" && !isBase(rows[j])) j++;
  const after = isBase(rows[j]) ? rows[j] : undefined;
  const bases = [before, after].filter((a): a is Row => a !== undefined);
  return bases.length > 0 ? bases.reduce((n, a) => n + a.requestsPerSec, 0) / bases.length : null;
}

export function computeRatios(rows: Row[]): void {
  rows.forEach((r, i) => {
    const about = (a: Row | undefined): a is Row =>
      a !== undefined && !a.reference && a.path === "/about" && a.connections === r.connections;
    const ref = (a: Row | undefined): a is Row =>
      a !== undefined && a.reference && a.connections === r.connections;
    // /about and the reference rows: against the first of their kind at that concurrency.
    const aboutBase = about(r) ? rows.find(about)!.requestsPerSec : baseFor(rows, i, about);
    const refBase = r.reference ? rows.find(ref)!.requestsPerSec : baseFor(rows, i, ref);
    r.ratioToAbout = aboutBase ? r.requestsPerSec / aboutBase : null;
    r.ratioToRef = refBase ? r.requestsPerSec / refBase : null;
    judge(r);
  });
}
