import { stmt } from "#app/utils/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";

// The one synchronous reader left in the assignments' read side: remind.server.ts (converted on
// another branch at the same time) calls it without `await`. Once remind.server.ts calls
// `peopleBehind` (rollup.server.ts, the data layer) this file goes, with its NOT_YET_CONVERTED line.

/** The ids of the people behind, for reminders. */
export function behindUserIds(id: number, path: string, _now = new Date()): number[] {
  return (
    stmt(
      `SELECT p.userId FROM AssignmentPerson p JOIN Assignment a ON a.id = p.assignmentId JOIN OrgUnit o ON o.id = p.orgUnitId
        WHERE a.id = ? AND a.withdrawnAt IS NULL AND o.path >= ? AND o.path < ? AND p.done < p.courses`,
    ).all(id, path, subtreeUpperBound(path)) as { userId: number }[]
  ).map((r) => r.userId);
}
