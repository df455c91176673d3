import { db } from "#app/data/db.server.ts";
import { keptForPeople } from "#app/modules/org/people-version.server.ts";

/** Users per role and units per tier for the admin home: kept until people or units change. */
export function adminCounts() {
  return keptForPeople("admin-counts", countUsersAndUnits);
}

/** Two grouped SQL counts. */
async function countUsersAndUnits() {
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
