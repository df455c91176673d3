import { sql, type RawBuilder } from "kysely";
import { insertRows, insertValues } from "../../app/data/bulk.server.ts";
import type { Q } from "../../app/data/db.server.ts";
import type { UnitSpec } from "./anshan.ts";

// The seeds' writers, on the data layer (decision 0011): batched multi-row inserts that run on
// SQLite and PostgreSQL alike. The scale seed writes thousands of units and 50,000 users.

const TIER: Record<string, number> = { CITY: 0, UNIT: 1, DISTRICT: 2, COUNTY_UNIT: 2, TOWNSHIP: 3 };

export type InsertedUnit = {
  id: number;
  code: string;
  kind: string;
  tier: number;
  path: string;
  leaf: boolean;
};

type Flat = { spec: UnitSpec; parent: number | null; tier: number; depth: number; order: number };

/**
 * Inserts a unit tree with materialized paths (`/1/5/17/`). The units go in depth-first order
 * in multi-row inserts (so their ids are those of one insert at a time) with a placeholder
 * path; each unit's id comes back by its unique code, and the parents and paths are then set
 * in batched updates.
 */
export async function insertTree(q: Q, root: UnitSpec, now = new Date()): Promise<InsertedUnit[]> {
  const flat: Flat[] = [];
  const walk = (spec: UnitSpec, parent: number | null, order: number) => {
    const up = parent === null ? null : flat[parent]!;
    const tier = spec.kind === "DEPARTMENT" ? (up?.tier ?? 0) : (TIER[spec.kind] ?? 0);
    const index = flat.push({ spec, parent, tier, depth: up ? up.depth + 1 : 0, order }) - 1;
    spec.children?.forEach((c, i) => walk(c, index, i));
  };
  walk(root, null, 0);
  const inserted = await insertValues(
    q,
    "OrgUnit",
    ["code", "name", "kind", "tier", "depth", "path", "sortOrder", "createdAt", "updatedAt"],
    flat.map((u) => [
      u.spec.code,
      u.spec.name,
      u.spec.kind,
      u.tier,
      u.depth,
      `pending:${u.spec.code}`,
      u.order,
      now,
      now,
    ]),
    ["id", "code"],
  );
  const idOf = new Map(inserted.map((r) => [r.code, r.id]));
  const out: InsertedUnit[] = [];
  for (const u of flat) {
    const id = idOf.get(u.spec.code)!;
    const path = `${u.parent === null ? "/" : out[u.parent]!.path}${id}/`;
    out.push({
      id,
      code: u.spec.code,
      kind: u.spec.kind,
      tier: u.tier,
      path,
      leaf: !u.spec.children?.length,
    });
  }
  // Parents and paths, 500 units a statement: SET … = CASE id WHEN … THEN … END.
  for (let i = 0; i < out.length; i += 500) {
    const chunk = out.slice(i, i + 500).map((u, k) => ({
      id: u.id,
      path: u.path,
      parentId: flat[i + k]!.parent === null ? null : out[flat[i + k]!.parent!]!.id,
    }));
    const caseOf = <V>(value: (u: (typeof chunk)[number]) => RawBuilder<V>) =>
      sql<V>`CASE ${sql.ref("id")} ${sql.join(
        chunk.map((u) => sql`WHEN ${u.id} THEN ${value(u)}`),
        sql` `,
      )} END`;
    await q
      .updateTable("OrgUnit")
      .set({
        path: caseOf((u) => sql<string>`${u.path}`),
        // Typed, so PostgreSQL does not read an all-parameter CASE as text.
        parentId: caseOf((u) => sql<number | null>`CAST(${u.parentId} AS INTEGER)`),
      })
      .where(
        "id",
        "in",
        chunk.map((u) => u.id),
      )
      .execute();
  }
  return out;
}

export type UserRow = {
  username: string;
  name: string;
  role: string;
  orgUnitId: number | null;
  mobile: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
};

export async function insertUsers(q: Q, users: UserRow[], now = new Date()): Promise<void> {
  await insertRows(
    q,
    "User",
    users.map((u) => ({
      username: u.username,
      name: u.name,
      mobile: u.mobile,
      role: u.role,
      passwordHash: u.passwordHash,
      mustChangePassword: u.mustChangePassword,
      disabled: false,
      failedLoginCount: 0,
      orgUnitId: u.orgUnitId,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export async function isEmpty(q: Q): Promise<boolean> {
  const user = await q.selectFrom("User").select("id").limit(1).executeTakeFirst();
  const unit = await q.selectFrom("OrgUnit").select("id").limit(1).executeTakeFirst();
  return !user && !unit;
}
