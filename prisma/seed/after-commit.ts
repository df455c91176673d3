// DEMO SEED ONLY, after the seed's transaction has committed: what the app's own code writes,
// so the demo rows are exactly those of a real use.
// - A learning assignment of the demo manager 赵培训 for the 数字基础设施科 (AS-SJJ-K04: no demo
//   login and no end-to-end test uses its people), made five days ago, with reminders sent two
//   days ago to three of its five people (the task's page shows 上次提醒 beside them). Its course is
//   loaded from content/ first (the content sync of `npm start` then finds it unchanged).
// - The demo expert 李律师's photo, stored as an upload is (FILES_DIR/photos, audited).
import { db } from "../../app/data/db.server.ts";
import { createAssignment } from "../../app/modules/assignments/create.server.ts";
import { remindPeople } from "../../app/modules/assignments/remind.server.ts";
import { setPhoto } from "../../app/modules/booking/profiles.server.ts";
import { COURSES_DIR, loadCourses } from "../../app/modules/content/load.server.ts";
import { syncCourses } from "../../app/modules/content/sync.server.ts";
import { env } from "../../app/utils/env.server.ts";
import { portraitPng } from "./portrait.ts";

const DAY = 86_400_000;

export const DEMO_ASSIGNMENT = {
  title: "【示例】网络数据安全管理条例专题学习",
  course: "network-data-security",
  unitCode: "AS-SJJ-K04",
  reminded: 3,
};

const beijingDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

async function assignmentDemo(now: Date): Promise<void> {
  const { courses, errors } = loadCourses(COURSES_DIR, env().READING_TIME_SCALE, [
    DEMO_ASSIGNMENT.course,
  ]);
  if (errors.length > 0 || courses.length === 0) return;
  await syncCourses(courses, now, { deactivateOthers: false });
  const manager = await db()
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.username", "u.role", "o.path as orgUnitPath"])
    .where("u.username", "=", "manager")
    .executeTakeFirst();
  const course = await db()
    .selectFrom("Course")
    .select("id")
    .where("slug", "=", DEMO_ASSIGNMENT.course)
    .executeTakeFirst();
  if (!manager || !course) return;
  const created = await createAssignment(
    manager,
    null,
    {
      title: DEMO_ASSIGNMENT.title,
      note: "请结合本科室数据基础设施运维工作学习，按期完成课后测验。",
      dueDate: beijingDay(now.getTime() + 30 * DAY),
      courseId: [course.id],
      unitCodes: [DEMO_ASSIGNMENT.unitCode],
      includeSubunits: false,
      usernames: [],
    },
    new Date(now.getTime() - 5 * DAY),
  );
  if (!created.ok)
    throw new Error(
      `seed: the demo assignment was refused: ${JSON.stringify(created.fieldErrors)}`,
    );
  const assignment = await db()
    .selectFrom("Assignment")
    .select(["id", "title", "dueAt"])
    .where("id", "=", created.id)
    .executeTakeFirstOrThrow();
  const people = await db()
    .selectFrom("AssignmentPerson as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select("u.id")
    .where("p.assignmentId", "=", created.id)
    .orderBy("u.username")
    .limit(DEMO_ASSIGNMENT.reminded)
    .execute();
  await remindPeople(
    manager,
    null,
    assignment,
    people.map((p) => p.id),
    new Date(now.getTime() - 2 * DAY),
  );
}

async function photoDemo(): Promise<void> {
  const expert = await db()
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select("p.id")
    .where("u.username", "=", "expert")
    .executeTakeFirst();
  const admin = await db()
    .selectFrom("User")
    .select(["id", "username"])
    .where("username", "=", "admin")
    .executeTakeFirst();
  if (!admin || !expert) return;
  const stored = await setPhoto(admin, expert.id, portraitPng(), null);
  if (!stored.ok) throw new Error(`seed: the demo expert's photo was refused: ${stored.message}`);
}

export async function afterCommitDemo(now = new Date()): Promise<void> {
  await assignmentDemo(now);
  await photoDemo();
}
