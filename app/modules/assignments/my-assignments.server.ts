import { stmt } from "#app/utils/db.server.ts";

export type MyAssignment = {
  assignmentId: number;
  title: string;
  dueAt: number;
  courseId: number;
  slug: string;
  courseTitle: string;
  startedAt: number | null;
  completedAt: number | null;
};

/** The live assignments covering one staff member, course by course: for 我的学习 (assigned courses first). */
export function myAssignments(user: { id: number; orgUnitId: number | null }): MyAssignment[] {
  return stmt(
    `WITH mine AS (
         SELECT t.assignmentId FROM AssignmentTarget t WHERE t.kind = 'USER' AND t.userId = @user
         UNION SELECT t.assignmentId FROM AssignmentTarget t WHERE t.kind = 'UNIT' AND t.orgUnitId = @unit
         UNION SELECT t.assignmentId FROM AssignmentTarget t JOIN OrgUnit tu ON tu.id = t.orgUnitId
                 WHERE t.kind = 'SUBTREE' AND (SELECT path FROM OrgUnit WHERE id = @unit) >= tu.path
                   AND (SELECT path FROM OrgUnit WHERE id = @unit) < substr(tu.path, 1, length(tu.path) - 1) || '0')
       SELECT a.id AS assignmentId, a.title, a.dueAt, c.id AS courseId, c.slug, c.title AS courseTitle, cs.startedAt, cs.completedAt
         FROM mine JOIN Assignment a ON a.id = mine.assignmentId AND a.withdrawnAt IS NULL
         JOIN AssignmentCourse ac ON ac.assignmentId = a.id JOIN Course c ON c.id = ac.courseId
         LEFT JOIN CourseStatus cs ON cs.userId = @user AND cs.courseId = c.id
        ORDER BY cs.completedAt IS NOT NULL, a.dueAt, a.id, c.sortOrder`,
  ).all({ user: user.id, unit: user.orgUnitId ?? -1 }) as MyAssignment[];
}
