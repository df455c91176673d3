import { describe, expect, it } from "vitest";
import { createAssignment } from "#app/modules/assignments/assignments.server.ts";
import { remindBehind } from "#app/modules/assignments/remind.server.ts";
import { mailEnabled } from "#app/modules/notifications/mail.server.ts";
import { db } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { makeUnit, makeUser, updateUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";
import { smtpSink } from "./smtp-sink.ts";

const { received, configure: useSmtpSink } = smtpSink();

describe("e-mail reminders", () => {
  it("are off without SMTP_URL", () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    expect(mailEnabled()).toBe(false);
  });

  it("go through SMTP to the people behind who left an address, when SMTP is configured", async () => {
    useSmtpSink();
    const course = await syncFixtureCourse();
    const unit = await makeUnit("邮件测试单位", null, "UNIT");
    const withMail = await makeUser({ orgUnitId: unit.id });
    await updateUser(withMail.id, { email: "zhang@example.gov.cn" });
    await makeUser({ orgUnitId: unit.id });
    const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
    const r = await createAssignment(admin, null, {
      title: "邮件提醒",
      note: "",
      dueDate: "2099-01-01",
      courseId: [course.id],
      unitCodes: [unit.code],
      usernames: [],
    });
    if (!r.ok) throw new Error("not created");
    const a = await db()
      .selectFrom("Assignment")
      .where("id", "=", r.id)
      .select(["id", "title", "dueAt"])
      .executeTakeFirstOrThrow();
    const result = await remindBehind({ id: 1, username: "admin" }, null, a, unit.path);
    expect(result).toMatchObject({ reminded: 2, mailed: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["zhang@example.gov.cn"]);
  });
});
