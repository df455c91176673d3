// Cases of app/data/portable.server.ts that must give the same answers on SQLite
// (app/data/portable.test.ts) and PostgreSQL (tests/pg/portable-compiled.test.ts).
import { db, write } from "#app/data/db.server.ts";
import { joinedText } from "#app/data/portable.server.ts";

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

/** Top-level units with these codes (for valueList's id and code lists); their ids in order. */
export function makeUnits(codes: string[], at = new Date()): Promise<number[]> {
  return write(async (tx) => {
    const made: number[] = [];
    for (const code of codes) {
      const { id } = await tx
        .insertInto("OrgUnit")
        .values({
          code,
          name: code,
          kind: "DEPT",
          tier: 1,
          depth: 0,
          path: `/${code}/`,
          updatedAt: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      made.push(id);
    }
    return made;
  });
}

/**
 * joinedText over the codes of the units whose code starts with @prefix: the values split
 * back and sorted (the helper promises no order), or null when no row matches.
 */
export async function joinedCodes(prefix: string): Promise<string[] | null> {
  const row = await db()
    .selectFrom("OrgUnit")
    .select(joinedText("code", ",").as("codes"))
    .where("code", "like", `${prefix}%`)
    .executeTakeFirst();
  return row?.codes == null ? null : row.codes.split(",").sort();
}
