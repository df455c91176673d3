import { write } from "#app/data/db.server.ts";
import { beijingDay, beijingDayStart } from "#app/modules/booking/slots.ts";
import { makeUser, unique } from "./helpers.ts";

export async function makeEnterprise(name = "测试企业") {
  const user = await makeUser({ role: "ENTERPRISE" });
  const e = await write((tx) =>
    tx
      .insertInto("Enterprise")
      .values({
        userId: user.id,
        name,
        uscc: unique("U").slice(0, 18),
        contactName: "联系人",
        contactMobile: "13800000000",
        status: "ACTIVE",
        createdAt: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return { user: { id: user.id, username: user.username, role: "ENTERPRISE" }, enterpriseId: e.id };
}

/** An expert available every day 00:00–24:00 in 60-minute slots (or as given). */
export async function makeExpert(
  opts: { slotMinutes?: number; bufferMinutes?: number; dailyMax?: number } = {},
) {
  const user = await makeUser({ role: "EXPERT" });
  const p = await write(async (tx) => {
    const p = await tx
      .insertInto("ExpertProfile")
      .values({
        userId: user.id,
        title: "律师",
        organisation: "测试律所",
        specialties: JSON.stringify(["合同"]),
        slotMinutes: opts.slotMinutes ?? 60,
        bufferMinutes: opts.bufferMinutes ?? 0,
        dailyMax: opts.dailyMax ?? 24,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("AvailabilityRule")
      .values(
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          expertId: p.id,
          weekday,
          startMinute: 0,
          endMinute: 1440,
        })),
      )
      .execute();
    return p;
  });
  return { user: { id: user.id, username: user.username, role: "EXPERT" }, expertId: p.id };
}

/** The start of an hour `days` days from now (Beijing), `hour` o'clock. */
export function slotAt(days: number, hour: number, now = Date.now()): number {
  return beijingDayStart(beijingDay(now)) + days * 86_400_000 + hour * 3600_000;
}

export const details = (expertId: number, slot: number) => ({
  type: "CONSULTATION" as const,
  expertId,
  slot,
  topic: "劳动合同咨询",
  description: "员工离职补偿问题",
  contactName: "王经理",
  contactMobile: "13800000000",
  mode: "ONLINE" as const,
  audienceSize: "" as const,
  trainingTopics: "",
});
