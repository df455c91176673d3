import { keptForPeople } from "#app/modules/org/people-version.server.ts";
import { stmt } from "#app/utils/db.server.ts";

/** Users per role and units per tier for the admin home: kept until people or units change. */
export function adminCounts() {
  return keptForPeople("admin-counts", countUsersAndUnits);
}

function countUsersAndUnits() {
  const usersByRole = stmt(
    "SELECT role, COUNT(*) AS count, SUM(disabled) AS disabled FROM User GROUP BY role",
  ).all() as {
    role: string;
    count: number;
    disabled: number;
  }[];
  const unitsByTier = stmt(
    "SELECT tier, kind, COUNT(*) AS count FROM OrgUnit GROUP BY tier, kind ORDER BY tier, kind",
  ).all() as { tier: number; kind: string; count: number }[];
  return { usersByRole, unitsByTier };
}
