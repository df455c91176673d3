import { describe, expect, it } from "vitest";
import { availableCreditHours, myLearning } from "#app/modules/learning/my-learning.server.ts";
import { write } from "#app/data/db.server.ts";
import { makeUser, unique } from "./helpers.ts";

async function course(audience: string, creditHours: number, active = true) {
  return write((tx) =>
    tx
      .insertInto("Course")
      .values({
        slug: unique("hours-"),
        title: "学时测试课程",
        category: "测试",
        audience,
        summary: "—",
        creditHours,
        passMark: 80,
        questionsPerAttempt: 1,
        timeLimitMinutes: 10,
        attemptLimit: 3,
        version: "v1",
        active,
        updatedAt: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
}

describe("可获得 N 学时 on 我的学习 (issue 19)", () => {
  it("counts the active courses open to the role: STAFF and ALL for staff, ENTERPRISE and ALL for enterprises", async () => {
    const before = {
      STAFF: await availableCreditHours("STAFF"),
      MANAGER: await availableCreditHours("MANAGER"),
      ENTERPRISE: await availableCreditHours("ENTERPRISE"),
    };
    await course("STAFF", 4);
    await course("ALL", 3.5);
    await course("ENTERPRISE", 3);
    await course("STAFF", 2, false); // retired course: not on offer
    expect((await availableCreditHours("STAFF")) - before.STAFF).toBe(7.5);
    expect((await availableCreditHours("MANAGER")) - before.MANAGER).toBe(7.5);
    expect((await availableCreditHours("ENTERPRISE")) - before.ENTERPRISE).toBe(6.5);
    expect(await availableCreditHours("ADMIN")).toBe(0);
  });

  it("is part of 我的学习 beside the yearly requirement", async () => {
    const user = await makeUser({ role: "ENTERPRISE" });
    await course("ENTERPRISE", 2.5);
    const data = await myLearning({ id: user.id, role: "ENTERPRISE" }, new Date());
    expect(data.available).toBe(await availableCreditHours("ENTERPRISE"));
    expect(data.available).toBeGreaterThanOrEqual(2.5);
    expect(data.required).toBe(40);
  });
});
