import type Database from "better-sqlite3";

/**
 * 30 assignments for the benchmark city: 10 city-wide (the root's whole subtree),
 * 20 to single districts or city-level units with their sub-units, spread over the
 * year, each with one or two courses. Raw SQL: part of the scale seed.
 */
export function insertScaleAssignments(
  db: Database.Database,
  year: number,
  now = Date.now(),
): number {
  const root = db
    .prepare("SELECT id FROM OrgUnit WHERE parentId IS NULL ORDER BY id LIMIT 1")
    .get() as { id: number };
  const tops = db.prepare("SELECT id FROM OrgUnit WHERE parentId = ? ORDER BY id").all(root.id) as {
    id: number;
  }[];
  const courses = db
    .prepare(
      "SELECT id FROM Course WHERE active = 1 AND audience IN ('STAFF','ALL') ORDER BY sortOrder, id",
    )
    .all() as { id: number }[];
  const admin = db
    .prepare("SELECT id FROM User WHERE role = 'ADMIN' ORDER BY id LIMIT 1")
    .get() as { id: number };
  const insertA = db.prepare(
    "INSERT INTO Assignment (title, note, dueAt, createdById, scopePath, createdAt) VALUES (?, '', ?, ?, '/', ?)",
  );
  const insertC = db.prepare("INSERT INTO AssignmentCourse (assignmentId, courseId) VALUES (?, ?)");
  const insertT = db.prepare(
    "INSERT INTO AssignmentTarget (assignmentId, kind, orgUnitId) VALUES (?, 'SUBTREE', ?)",
  );
  for (let i = 0; i < 30; i++) {
    const month = 1 + (i % 12);
    const dueAt = new Date(
      `${year}-${String(month).padStart(2, "0")}-28T23:59:59.999+08:00`,
    ).getTime();
    const id = Number(
      insertA.run(`${year}年第${i + 1}项学习任务`, dueAt, admin.id, now).lastInsertRowid,
    );
    const picked = [courses[i % courses.length]!, courses[(i * 7 + 3) % courses.length]!];
    for (const c of new Set(picked.slice(0, 1 + (i % 2)).map((c) => c.id))) insertC.run(id, c);
    insertT.run(id, i < 10 ? root.id : tops[(i * 5) % tops.length]!.id);
  }
  return 30;
}
