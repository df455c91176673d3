import { insertRows } from "../../app/data/bulk.server.ts";
import type { Q } from "../../app/data/db.server.ts";

/**
 * 30 assignments for the benchmark city: 10 city-wide (the root's whole subtree),
 * 20 to single districts or city-level units with their sub-units, spread over the
 * year, each with one or two courses. Part of the scale seed; their pairs and counters are
 * filled afterwards (`npm run db:pairs -- --rebuild`).
 */
export async function insertScaleAssignments(
  q: Q,
  year: number,
  now = new Date(),
): Promise<number> {
  const root = await q
    .selectFrom("OrgUnit")
    .select("id")
    .where("parentId", "is", null)
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  const tops = await q
    .selectFrom("OrgUnit")
    .select("id")
    .where("parentId", "=", root.id)
    .orderBy("id")
    .execute();
  const courses = await q
    .selectFrom("Course")
    .select("id")
    .where("active", "=", true)
    .where("audience", "in", ["STAFF", "ALL"])
    .orderBy("sortOrder")
    .orderBy("id")
    .execute();
  const admin = await q
    .selectFrom("User")
    .select("id")
    .where("role", "=", "ADMIN")
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  const titles = Array.from({ length: 30 }, (_, i) => `${year}年第${i + 1}项学习任务`);
  const inserted = await insertRows(
    q,
    "Assignment",
    titles.map((title, i) => ({
      title,
      note: "",
      dueAt: new Date(`${year}-${String(1 + (i % 12)).padStart(2, "0")}-28T23:59:59.999+08:00`),
      createdById: admin.id,
      scopePath: "/",
      createdAt: now,
    })),
    ["id", "title"],
  );
  const ids = titles.map((t) => inserted.find((a) => a.title === t)!.id);
  await insertRows(
    q,
    "AssignmentCourse",
    ids.flatMap((id, i) => {
      const picked = [courses[i % courses.length]!, courses[(i * 7 + 3) % courses.length]!];
      return [...new Set(picked.slice(0, 1 + (i % 2)).map((c) => c.id))].map((courseId) => ({
        assignmentId: id,
        courseId,
      }));
    }),
  );
  await insertRows(
    q,
    "AssignmentTarget",
    ids.map((id, i) => ({
      assignmentId: id,
      kind: "SUBTREE",
      orgUnitId: i < 10 ? root.id : tops[(i * 5) % tops.length]!.id,
    })),
  );
  return 30;
}
