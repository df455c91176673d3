// Consultations on the scale database (issue 5 bench): 40 experts available every day
// 08:00–20:00 in 30-minute slots, about half of their next 30 days already booked by
// 2,000 synthetic enterprises (E00001 …), so the slot page works against a busy calendar
// and the booking POST has free slots and enterprises with quota to spare.
import type Database from "better-sqlite3";
import { usccCheckChar } from "../../app/modules/booking/uscc.ts";
import { beijingDay, beijingDayStart } from "../../app/modules/booking/slots.ts";
import { insertConsultDemo } from "./consult.ts";
import { rng } from "./names.ts";

export const BENCH_EXPERTS = 40;
export const BENCH_ENTERPRISES = 2000;

export function insertScaleConsult(db: Database.Database, passwordHash: string, now = Date.now()) {
  insertConsultDemo(db, now);
  const random = rng(55);
  const user = db.prepare(
    "INSERT INTO User (username, name, mobile, role, passwordHash, mustChangePassword, disabled, failedLoginCount, orgUnitId, createdAt, updatedAt) VALUES (?, ?, NULL, ?, ?, 0, 0, 0, NULL, ?, ?)",
  );
  const enterprise = db.prepare(
    "INSERT INTO Enterprise (userId, name, uscc, contactName, contactMobile, status, createdAt, approvedAt) VALUES (?, ?, ?, '联系人', ?, 'ACTIVE', ?, ?)",
  );
  const enterpriseIds: number[] = [];
  for (let i = 1; i <= BENCH_ENTERPRISES; i++) {
    const userId = Number(
      user.run(`E${String(i).padStart(5, "0")}`, "联系人", "ENTERPRISE", passwordHash, now, now)
        .lastInsertRowid,
    );
    const first17 = `91210300${String(100000000 + i).slice(-9)}`;
    enterpriseIds.push(
      Number(
        enterprise.run(
          userId,
          `鞍山第${i}测试企业有限公司`,
          first17 + usccCheckChar(first17),
          `136${String(i).padStart(8, "0")}`,
          now,
          now,
        ).lastInsertRowid,
      ),
    );
  }
  const profile = db.prepare(
    "INSERT INTO ExpertProfile (userId, title, organisation, specialties, bio, slotMinutes, bufferMinutes, dailyMax, active) VALUES (?, '律师', '压测律师事务所', '[\"合同\",\"劳动用工\"]', '', 30, 0, 24, 1)",
  );
  const rule = db.prepare(
    "INSERT INTO AvailabilityRule (expertId, weekday, startMinute, endMinute) VALUES (?, ?, 480, 1200)",
  );
  const booking = db.prepare(
    `INSERT INTO Booking (enterpriseId, expertId, type, mode, startAt, endAt, slotHold, status, topic, description, contactName, contactMobile, createdAt, updatedAt)
     VALUES (?, ?, 'CONSULTATION', 'ONLINE', ?, ?, ?, ?, '压测预约', '压测', '联系人', '13600000000', ?, ?)`,
  );
  let bookings = 0;
  const today = beijingDayStart(beijingDay(now));
  for (let i = 1; i <= BENCH_EXPERTS; i++) {
    const userId = Number(
      user.run(`X${String(i).padStart(4, "0")}`, `压测专家${i}`, "EXPERT", passwordHash, now, now)
        .lastInsertRowid,
    );
    const expertId = Number(profile.run(userId).lastInsertRowid);
    for (let d = 1; d <= 7; d++) rule.run(expertId, d);
    for (let day = 1; day <= 30; day++) {
      for (let slot = 0; slot < 24; slot++) {
        if (random() >= 0.5) continue;
        const start = today + day * 86_400_000 + (8 * 60 + slot * 30) * 60_000;
        const e = enterpriseIds[Math.floor(random() * enterpriseIds.length)]!;
        booking.run(
          e,
          expertId,
          start,
          start + 30 * 60_000,
          String(start),
          random() < 0.7 ? "CONFIRMED" : "REQUESTED",
          now,
          now,
        );
        bookings++;
      }
    }
  }
  // The bench books for many enterprises at once: lift the per-enterprise quota on this database only.
  db.prepare(
    "INSERT INTO Setting (key, value, updatedAt) VALUES ('consult.maxActive', '50', ?)",
  ).run(now);
  return { experts: BENCH_EXPERTS, enterprises: BENCH_ENTERPRISES, bookings };
}
