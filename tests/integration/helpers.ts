// Fixtures through the data layer (decision 0011), so every test file runs on SQLite and, with
// TEST_DB=pg, on PostgreSQL alike.
import { sql, type SelectQueryBuilder, type Updateable } from "kysely";
import { db, write, type DB } from "#app/data/db.server.ts";
import { childPath } from "#app/utils/org-path.ts";
import { hashPassword } from "#app/utils/password.server.ts";

let counter = 0;
export function unique(prefix: string): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export async function makeUnit(
  name: string,
  parent: { id: number; path: string; depth: number } | null,
  kind = "UNIT",
) {
  return write(async (tx) => {
    const now = new Date();
    const unit = await tx
      .insertInto("OrgUnit")
      .values({
        code: unique("U"),
        name,
        kind,
        tier: 1,
        depth: parent ? parent.depth + 1 : 0,
        path: unique("pending"),
        parentId: parent?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return tx
      .updateTable("OrgUnit")
      .set({ path: childPath(parent?.path ?? "/", unit.id) })
      .where("id", "=", unit.id)
      .returning(["id", "path", "depth", "code"])
      .executeTakeFirstOrThrow();
  });
}

const hashes = new Map<string, Promise<string>>();
export async function makeUser(
  opts: {
    role?: string;
    password?: string;
    orgUnitId?: number | null;
    mustChangePassword?: boolean;
    disabled?: boolean;
  } = {},
) {
  const password = opts.password ?? "Test@2026x";
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const passwordHash = await hashes.get(password)!;
  return write(async (tx) => {
    const now = new Date();
    return tx
      .insertInto("User")
      .values({
        username: unique("u"),
        name: "测试用户",
        role: opts.role ?? "STAFF",
        passwordHash,
        mustChangePassword: opts.mustChangePassword ?? false,
        disabled: opts.disabled ?? false,
        orgUnitId: opts.orgUnitId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning(["id", "username"])
      .executeTakeFirstOrThrow();
  });
}

export function requestWithCookie(
  cookie: string | null,
  url = "http://localhost/",
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(url, { ...init, headers });
}

/**
 * COUNT(*) of a table through the data layer, optionally narrowed:
 * `countRows("User", (q) => q.where("role", "=", "EXPERT"))`.
 */
export async function countRows<T extends keyof DB & string>(
  table: T,
  where: (q: SelectQueryBuilder<DB, T, object>) => SelectQueryBuilder<DB, T, object> = (q) => q,
): Promise<number> {
  const q = db().selectFrom(table) as unknown as SelectQueryBuilder<DB, T, object>;
  const row = await where(q)
    .select(sql<number>`COUNT(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Updates one user's columns through the data layer (tests' replacement for prisma.user.update). */
export async function updateUser(id: number, set: Updateable<DB["User"]>): Promise<void> {
  await write((tx) =>
    tx
      .updateTable("User")
      .set({ ...set, updatedAt: new Date() })
      .where("id", "=", id)
      .execute(),
  );
}
