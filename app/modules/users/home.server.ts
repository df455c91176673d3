import { db } from "#app/data/db.server.ts";

/** Users per role and units per tier for the admin home: two grouped SQL counts. */
export async function adminCounts() {
  const [usersByRole, unitsByTier] = await Promise.all([
    db()
      .selectFrom("User")
      .select((eb) => [
        "role",
        eb.fn.countAll<number>().as("count"),
        eb.fn.countAll<number>().filterWhere("disabled", "=", true).as("disabled"),
      ])
      .groupBy("role")
      .execute(),
    db()
      .selectFrom("OrgUnit")
      .select((eb) => ["tier", "kind", eb.fn.countAll<number>().as("count")])
      .groupBy(["tier", "kind"])
      .orderBy("tier")
      .orderBy("kind")
      .execute(),
  ]);
  return { usersByRole, unitsByTier };
}
