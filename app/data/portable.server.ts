import { sql, type Expression, type RawBuilder } from "kysely";
import { dialectName } from "./db.server.ts";

// SQL the query builder cannot express, written once per dialect (decision 0011): each helper
// chooses its SQLite or PostgreSQL form by the dialect the process serves from.

/** The element type of a `valueList`: integers (ids) or text. */
export type ValueType = "int" | "text";

/**
 * A list of values as a one-column subquery (`value`), passed as ONE parameter, for
 * `where(col, "in", valueList(list))`: a roster of 50,000 names would overflow SQLite's
 * 32,766 (PostgreSQL: 65,535) bound parameters as `IN (?, ?, …)`.
 * - SQLite: `(SELECT value FROM json_each(?))` with the list as JSON.
 * - PostgreSQL: `(SELECT value FROM unnest(CAST($1 AS int8[])) AS value)` or `text[]`: typed, so an integer column
 *   keeps its index (int4 = int8 is in the same operator family) and a text column compares
 *   as text. The type follows the first value; an empty list has none, so pass `"int"` for an
 *   id list that may be empty (PostgreSQL refuses to compare an integer with text).
 */
export function valueList<T extends string | number>(
  values: readonly T[],
  type: ValueType = typeof values[0] === "number" ? "int" : "text",
): RawBuilder<T> {
  for (const v of values)
    if (type === "int" ? !Number.isSafeInteger(v) : typeof v !== "string")
      throw new TypeError(
        `valueList(${type}): ${String(v)} is not ${type === "int" ? "an integer" : "text"}`,
      );
  if (dialectName() === "postgres") {
    return type === "int"
      ? sql<T>`(SELECT value FROM unnest(CAST(${sql.val(values)} AS int8[])) AS value)`
      : sql<T>`(SELECT value FROM unnest(CAST(${sql.val(values)} AS text[])) AS value)`;
  }
  return sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * `column` contains `text`, with `%`, `_` and `\` in the text taken literally (escaped; ESCAPE
 * '\' reads the same on both dialects). The case rule is Prisma's `contains` on SQLite: ASCII
 * letters match without case.
 * - SQLite: `LIKE … ESCAPE '\'` (SQLite's LIKE folds ASCII only).
 * - PostgreSQL: `ILIKE … ESCAPE '\'` (LIKE there is case-sensitive). ILIKE also folds letters
 *   beyond ASCII under a non-C collation (Ä/ä); Chinese text has no case, so the answers agree.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialectName() === "postgres"
    ? sql<boolean>`${sql.ref(column)} ILIKE ${pattern} ESCAPE '\\'`
    : sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
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

/**
 * The Beijing calendar day of a time, "YYYY-MM-DD" (the auditor's security summary groups by
 * it). SQLite: strftime over the epoch milliseconds it stores; PostgreSQL: the UTC timestamp
 * moved by eight hours (Beijing has no daylight saving).
 */
export function beijingDay(time: Expression<Date | null> | string): RawBuilder<string> {
  const t = typeof time === "string" ? sql.ref(time) : time;
  return dialectName() === "postgres"
    ? sql<string>`to_char(${t} + interval '8 hours', 'YYYY-MM-DD')`
    : sql<string>`strftime('%Y-%m-%d', ${t} / 1000, 'unixepoch', '+8 hours')`;
}

/**
 * Every value of a text column joined by `separator` into one string, in no set order, NULL for no
 * rows: one value crosses from the database instead of one row per value (the org tree's 2,000
 * paths read as rows cost about five times as much; issue 14). SQLite `group_concat(col, sep)`,
 * PostgreSQL `string_agg(col, sep)`. The separator must not occur in any value.
 */
export function joinedText(column: string, separator: string): RawBuilder<string | null> {
  return dialectName() === "postgres"
    ? sql<string | null>`string_agg(${sql.ref(column)}, ${sql.lit(separator)})`
    : sql<string | null>`group_concat(${sql.ref(column)}, ${sql.lit(separator)})`;
}
