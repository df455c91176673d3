// Cases of app/data/portable.server.ts that must give the same answers on SQLite
// (app/data/portable.test.ts) and PostgreSQL (tests/pg/portable-compiled.test.ts).

/** containsText's cases, [search text, value, contains?], the same on both dialects. */
export const CONTAINS_CASES: [string, string, boolean][] = [
  ["AS-sjj", "as-SJJ-K02", true],
  ["数据局", "鞍山市数据局", true],
  ["%", "abc", false],
  ["a_c", "abc", false],
  ["a_c", "xa_cx", true],
  ["a\\c", "a\\c", true],
  ["a\\%", "a\\x", false],
  ["a%", "xA%y", true],
];
