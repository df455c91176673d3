import { sql, type Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import type { DB } from "#app/data/db.server.ts";

// The child units of a unit as the drill-down tables show them (the completion overview and
// the 年度学法统计): in the admin's order, each marked whether it has children of its own.
// One compiled statement (decision 0011), on the handle or transaction the caller passes.

export type ChildUnit = {
  unitId: number;
  name: string;
  code: string;
  own: false;
  hasChildren: boolean;
};

const CHILDREN = compiled((q, unitId: number) =>
  q
    .selectFrom("OrgUnit as c")
    .select((eb) => [
      "c.id",
      "c.name",
      "c.code",
      eb
        .exists(
          eb
            .selectFrom("OrgUnit as g")
            .select(sql.lit(1).as("one"))
            .whereRef("g.parentId", "=", "c.id"),
        )
        .as("hasChildren"),
    ])
    .where("c.parentId", "=", unitId)
    .orderBy("c.sortOrder")
    .orderBy("c.id"),
);

/** The children of @unitId in unit order, as the first columns of a drill-down row. */
export async function childUnits(q: Kysely<DB>, unitId: number): Promise<ChildUnit[]> {
  const rows = await CHILDREN.rows(q, unitId);
  return rows.map((c) => ({
    unitId: c.id,
    name: c.name,
    code: c.code,
    own: false,
    hasChildren: Boolean(c.hasChildren),
  }));
}
