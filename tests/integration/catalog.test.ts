import { beforeAll, describe, expect, it } from "vitest";
import { write } from "#app/data/db.server.ts";
import { catalogCategories, listCatalog } from "#app/modules/learning/catalog.server.ts";
import { makeUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

let course: Awaited<ReturnType<typeof syncFixtureCourse>>;

beforeAll(async () => {
  course = await syncFixtureCourse();
  await write((tx) =>
    tx
      .updateTable("Course")
      .set({ title: "Quiz 100%_demo 测验引擎" })
      .where("id", "=", course.id)
      .execute(),
  );
});

describe("course catalogue", () => {
  it("lists the role's courses with lesson counts and no progress for a new learner", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF" };
    const rows = await listCatalog(user, { q: "", category: "" });
    const row = rows.find((r) => r.id === course.id);
    expect(row).toMatchObject({
      slug: "quiz-demo",
      category: "测试",
      lessons: course.lessons.length,
      readLessons: 0,
      completedAt: null,
    });
    expect(await catalogCategories("STAFF")).toContain("测试");
    const enterprise = { ...(await makeUser({ role: "ENTERPRISE" })), role: "ENTERPRISE" };
    expect((await listCatalog(enterprise, { q: "", category: "" })).map((r) => r.id)).not.toContain(
      course.id,
    );
  });

  it("searches title and summary as a literal, case-sensitive substring", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF" };
    const ids = async (q: string, category = "") =>
      (await listCatalog(user, { q, category })).map((r) => r.id);
    expect(await ids("Quiz")).toContain(course.id);
    expect(await ids("两课")).toContain(course.id); // summary
    expect(await ids("100%_")).toContain(course.id);
    expect(await ids("quiz")).not.toContain(course.id); // case-sensitive
    expect(await ids("Q_iz")).not.toContain(course.id); // `_` is not a wildcard
    expect(await ids("Quiz", "其他")).not.toContain(course.id);
    expect(await ids("Quiz", "测试")).toContain(course.id);
  });

  it("gives the learner's completion time as a Date", async () => {
    const user = { ...(await makeUser({ role: "STAFF" })), role: "STAFF" };
    const at = new Date("2026-03-01T10:00:00+08:00");
    await write((tx) =>
      tx
        .insertInto("Completion")
        .values({
          userId: user.id,
          courseId: course.id,
          courseVersion: course.version,
          score: 100,
          creditHours: 2,
          completedAt: at,
          year: 2026,
          certificateNo: `T-${user.id}`,
          verifyCode: `V-${user.id}`,
        })
        .execute(),
    );
    const row = (await listCatalog(user, { q: "", category: "" })).find((r) => r.id === course.id);
    expect(row?.completedAt).toEqual(at);
  });
});
