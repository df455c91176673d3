import { db } from "#app/data/db.server.ts";
import { BOOKING_STATES } from "#app/modules/booking/state.ts";
import { latestForEnterprise } from "#app/modules/policy/readers.server.ts";
import { beijingDayStart, DAY_MS } from "./time.ts";

/**
 * The enterprise home: its bookings counted by status, the next confirmed appointment, and
 * whether the account still waits for approval. Only this user's enterprise is read.
 */
export async function enterpriseHome(userId: number, now: Date) {
  const enterprise = await db()
    .selectFrom("Enterprise")
    .select(["id", "name", "status"])
    .where("userId", "=", userId)
    .executeTakeFirst();
  if (!enterprise) return null;
  const [byStatus, next, policies] = await Promise.all([
    db()
      .selectFrom("Booking")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("enterpriseId", "=", enterprise.id)
      .groupBy("status")
      .execute(),
    db()
      .selectFrom("Booking as b")
      .innerJoin("ExpertProfile as p", "p.id", "b.expertId")
      .innerJoin("User as u", "u.id", "p.userId")
      .select(["b.id", "b.type", "b.mode", "b.startAt", "b.endAt", "b.topic", "u.name as expert"])
      .where("b.enterpriseId", "=", enterprise.id)
      .where("b.status", "=", "CONFIRMED")
      .where("b.endAt", ">", now)
      .orderBy("b.startAt")
      .limit(1)
      .executeTakeFirst(),
    latestForEnterprise(),
  ]);
  const counts = new Map(byStatus.map((r) => [r.status, Number(r.n)]));
  return {
    name: enterprise.name,
    pending: enterprise.status === "PENDING",
    byStatus: BOOKING_STATES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    next: next ?? null,
    policies,
  };
}

/**
 * The expert home: requests to confirm, confirmed consultations whose time has passed and that
 * wait for the opinion (待出具意见), and today's confirmed schedule (Beijing day).
 */
export async function expertHome(userId: number, now: Date) {
  const profile = await db()
    .selectFrom("ExpertProfile")
    .select(["id"])
    .where("userId", "=", userId)
    .executeTakeFirst();
  if (!profile) return null;
  const dayStart = beijingDayStart(now);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  const [counts, today] = await Promise.all([
    db()
      .selectFrom("Booking")
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere("status", "=", "REQUESTED").as("toConfirm"),
        eb.fn
          .countAll<number>()
          .filterWhere((f) => f.and([f("status", "=", "CONFIRMED"), f("startAt", "<", now)]))
          .as("toComplete"),
      ])
      .where("expertId", "=", profile.id)
      .where("status", "in", ["REQUESTED", "CONFIRMED"])
      .executeTakeFirstOrThrow(),
    db()
      .selectFrom("Booking as b")
      .innerJoin("Enterprise as e", "e.id", "b.enterpriseId")
      .select([
        "b.id",
        "b.type",
        "b.mode",
        "b.startAt",
        "b.endAt",
        "b.topic",
        "e.name as enterprise",
      ])
      .where("b.expertId", "=", profile.id)
      .where("b.status", "=", "CONFIRMED")
      .where("b.startAt", ">=", dayStart)
      .where("b.startAt", "<", dayEnd)
      // A contract review has no appointment time (decision 0022): not on today's schedule.
      .where("b.wishDate", "is", null)
      .orderBy("b.startAt")
      .limit(20)
      .execute(),
  ]);
  return {
    toConfirm: Number(counts.toConfirm),
    toComplete: Number(counts.toComplete),
    today,
  };
}
