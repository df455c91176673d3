import type Database from "better-sqlite3";
import type { UnitSpec } from "./anshan.ts";

const TIER: Record<string, number> = { CITY: 0, UNIT: 1, DISTRICT: 2, COUNTY_UNIT: 2, TOWNSHIP: 3 };

export type InsertedUnit = {
  id: number;
  code: string;
  kind: string;
  tier: number;
  path: string;
  leaf: boolean;
};

/**
 * Inserts a unit tree with materialized paths. Raw SQL through better-sqlite3:
 * the scale seed writes thousands of units and 50,000 users in seconds.
 */
export function insertTree(
  db: Database.Database,
  root: UnitSpec,
  now = Date.now(),
): InsertedUnit[] {
  const insert = db.prepare(
    `INSERT INTO OrgUnit (code, name, kind, tier, depth, path, sortOrder, parentId, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setPath = db.prepare("UPDATE OrgUnit SET path = ? WHERE id = ?");
  const out: InsertedUnit[] = [];
  const walk = (
    spec: UnitSpec,
    parent: { id: number; path: string; tier: number; depth: number } | null,
    order: number,
  ) => {
    const tier = spec.kind === "DEPARTMENT" ? (parent?.tier ?? 0) : (TIER[spec.kind] ?? 0);
    const depth = parent ? parent.depth + 1 : 0;
    const id = Number(
      insert.run(
        spec.code,
        spec.name,
        spec.kind,
        tier,
        depth,
        `pending:${spec.code}`,
        order,
        parent?.id ?? null,
        now,
        now,
      ).lastInsertRowid,
    );
    const path = `${parent?.path ?? "/"}${id}/`;
    setPath.run(path, id);
    out.push({ id, code: spec.code, kind: spec.kind, tier, path, leaf: !spec.children?.length });
    spec.children?.forEach((c, i) => walk(c, { id, path, tier, depth }, i));
  };
  walk(root, null, 0);
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

export function insertUsers(db: Database.Database, users: UserRow[], now = Date.now()): void {
  const insert = db.prepare(
    `INSERT INTO User (username, name, mobile, role, passwordHash, mustChangePassword, disabled, failedLoginCount, orgUnitId, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)`,
  );
  for (const u of users)
    insert.run(
      u.username,
      u.name,
      u.mobile,
      u.role,
      u.passwordHash,
      u.mustChangePassword ? 1 : 0,
      u.orgUnitId,
      now,
      now,
    );
}

export function isEmpty(db: Database.Database): boolean {
  const row = db
    .prepare("SELECT (SELECT COUNT(*) FROM User) + (SELECT COUNT(*) FROM OrgUnit) AS n")
    .get() as { n: number };
  return row.n === 0;
}
