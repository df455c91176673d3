// Consultations on the scale database (issue 5 bench): 40 experts available every day
// 08:00–20:00 in 30-minute slots, about half of their next 30 days already booked by
// 2,000 synthetic enterprises (E00001 …), so the slot page works against a busy calendar
// and the booking POST has free slots and enterprises with quota to spare.
import { insertRows, insertValues } from "../../app/data/bulk.server.ts";
import type { Q } from "../../app/data/db.server.ts";
import { usccCheckChar } from "../../app/modules/booking/uscc.ts";
import { beijingDay, beijingDayStart } from "../../app/modules/booking/slots.ts";
import { insertConsultDemo } from "./consult.ts";
import { rng } from "./names.ts";

export const BENCH_EXPERTS = 40;
export const BENCH_ENTERPRISES = 2000;

export async function insertScaleConsult(q: Q, passwordHash: string, now = new Date()) {
  await insertConsultDemo(q, now);
  const random = rng(55);
  const userRow = (username: string, name: string, role: string) => ({
    username,
    name,
    mobile: null,
    role,
    passwordHash,
    mustChangePassword: false,
    disabled: false,
    failedLoginCount: 0,
    orgUnitId: null,
    createdAt: now,
    updatedAt: now,
  });
  const enterpriseNames = Array.from(
    { length: BENCH_ENTERPRISES },
    (_, k) => `E${String(k + 1).padStart(5, "0")}`,
  );
  const enterpriseUsers = await insertRows(
    q,
    "User",
    enterpriseNames.map((u) => userRow(u, "联系人", "ENTERPRISE")),
    ["id", "username"],
  );
  const userIdOf = new Map(enterpriseUsers.map((u) => [u.username, u.id]));
  const enterprises = await insertRows(
    q,
    "Enterprise",
    enterpriseNames.map((username, k) => {
      const i = k + 1;
      const first17 = `91210300${String(100000000 + i).slice(-9)}`;
      return {
        userId: userIdOf.get(username)!,
        name: `鞍山第${i}测试企业有限公司`,
        uscc: first17 + usccCheckChar(first17),
        contactName: "联系人",
        contactMobile: `136${String(i).padStart(8, "0")}`,
        status: "ACTIVE",
        createdAt: now,
        approvedAt: now,
      };
    }),
    ["id", "userId"],
  );
  const enterpriseOf = new Map(enterprises.map((e) => [e.userId, e.id]));
  const enterpriseIds = enterpriseNames.map((u) => enterpriseOf.get(userIdOf.get(u)!)!);

  const expertNames = Array.from(
    { length: BENCH_EXPERTS },
    (_, k) => `X${String(k + 1).padStart(4, "0")}`,
  );
  const expertUsers = await insertRows(
    q,
    "User",
    expertNames.map((u, k) => userRow(u, `压测专家${k + 1}`, "EXPERT")),
    ["id", "username"],
  );
  for (const u of expertUsers) userIdOf.set(u.username, u.id);
  const profiles = await insertRows(
    q,
    "ExpertProfile",
    expertNames.map((u) => ({
      userId: userIdOf.get(u)!,
      title: "律师",
      organisation: "压测律师事务所",
      specialties: '["合同","劳动用工"]',
      bio: "",
      slotMinutes: 30,
      bufferMinutes: 0,
      dailyMax: 24,
      active: true,
    })),
    ["id", "userId"],
  );
  const profileOf = new Map(profiles.map((p) => [p.userId, p.id]));
  const rules: { expertId: number; weekday: number; startMinute: number; endMinute: number }[] = [];
  const bookings: unknown[][] = [];
  const today = beijingDayStart(beijingDay(now.getTime()));
  for (const name of expertNames) {
    const expertId = profileOf.get(userIdOf.get(name)!)!;
    for (let d = 1; d <= 7; d++)
      rules.push({ expertId, weekday: d, startMinute: 480, endMinute: 1200 });
    for (let day = 1; day <= 30; day++) {
      for (let slot = 0; slot < 24; slot++) {
        if (random() >= 0.5) continue;
        const start = today + day * 86_400_000 + (8 * 60 + slot * 30) * 60_000;
        const e = enterpriseIds[Math.floor(random() * enterpriseIds.length)]!;
        bookings.push([
          e,
          expertId,
          "CONSULTATION",
          "ONLINE",
          new Date(start),
          new Date(start + 30 * 60_000),
          String(start),
          random() < 0.7 ? "CONFIRMED" : "REQUESTED",
          "压测预约",
          "压测",
          "联系人",
          "13600000000",
          now,
          now,
        ]);
      }
    }
  }
  await insertRows(q, "AvailabilityRule", rules);
  await insertValues(
    q,
    "Booking",
    [
      "enterpriseId",
      "expertId",
      "type",
      "mode",
      "startAt",
      "endAt",
      "slotHold",
      "status",
      "topic",
      "description",
      "contactName",
      "contactMobile",
      "createdAt",
      "updatedAt",
    ],
    bookings,
  );
  // The bench books for many enterprises at once: lift the per-enterprise quota on this database only.
  await insertRows(q, "Setting", [{ key: "consult.maxActive", value: "50", updatedAt: now }]);
  return { experts: BENCH_EXPERTS, enterprises: BENCH_ENTERPRISES, bookings: bookings.length };
}
