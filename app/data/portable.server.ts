import { sql, type Expression, type RawBuilder } from "kysely";
import { dialectName } from "./db.server.ts";

// SQL the query builder cannot express, written once per dialect (decision 0011). SQLite's
// forms are used today; the PostgreSQL forms (issue 13) are noted beside each.

/**
 * A list of values as a one-column subquery (`value`), passed as ONE parameter, for
 * `where(col, "in", valueList(list))`: a roster of 50,000 names would overflow SQLite's
 * 32,766 bound parameters as `IN (?, ?, …)`.
 * PostgreSQL: `(SELECT value FROM jsonb_array_elements_text($1::jsonb) AS value)`.
 */
export function valueList<T extends string | number>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * `column LIKE '%text%'` with `%`, `_` and `\` in the text taken literally (ESCAPE '\' reads
 * the same on SQLite and PostgreSQL). Like Prisma's `contains` on SQLite, ASCII letters match
 * without case. PostgreSQL: ILIKE for the same case rule.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * The 1-based position of `needle` in `haystack`, 0 when absent; case-sensitive, matching the
 * needle literally (no pattern characters). SQLite `instr(haystack, needle)`, PostgreSQL
 * `strpos(haystack, needle)`.
 */
export function textPosition(
  haystack: Expression<string> | string,
  needle: Expression<string> | string,
): RawBuilder<number> {
  const a = typeof haystack === "string" ? sql.ref(haystack) : haystack;
  const b = typeof needle === "string" ? sql.val(needle) : needle;
  return dialectName() === "postgres"
    ? sql<number>`strpos(${a}, ${b})`
    : sql<number>`instr(${a}, ${b})`;
}

/**
 * The Beijing-time week of a time, "YYYY-WW" as SQLite's strftime('%Y-%W') gives it (weeks
 * start on Monday; days before the year's first Monday are week 00): the key of
 * AssignmentTreeWeek. SQLite: strftime over the epoch milliseconds it stores; PostgreSQL: the
 * migration's fzxt_week(), which the counter triggers use too.
 */
export function beijingWeek(time: Expression<Date | null> | string): RawBuilder<string> {
  const t = typeof time === "string" ? sql.ref(time) : time;
  return dialectName() === "postgres"
    ? sql<string>`fzxt_week(${t})`
    : sql<string>`strftime('%Y-%W', ${t} / 1000, 'unixepoch', '+8 hours')`;
}
