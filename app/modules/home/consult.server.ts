import { compiled } from "#app/data/compiled.server.ts";
import { BOOKING_STATES } from "#app/modules/booking/state.ts";
import { latestForEnterprise } from "#app/modules/policy/readers.server.ts";
import { beijingDayStart, DAY_MS } from "./time.ts";

const ENTERPRISE = compiled((q, userId: number) =>
  q.selectFrom("Enterprise").select(["id", "name", "status"]).where("userId", "=", userId),
);
const BY_STATUS = compiled((q, enterpriseId: number) =>
  q
    .selectFrom("Booking")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .where("enterpriseId", "=", enterpriseId)
    .groupBy("status"),
);
/** Over the (enterpriseId, status, startAt) index: the enterprise's own confirmed bookings only. */
const NEXT = compiled((q, enterpriseId: number, confirmed: string, now: Date) =>
  q
    .selectFrom("Booking as b")
    .innerJoin("ExpertProfile as p", "p.id", "b.expertId")
    .innerJoin("User as u", "u.id", "p.userId")
    .select(["b.id", "b.type", "b.mode", "b.startAt", "b.endAt", "b.topic", "u.name as expert"])
    .where("b.enterpriseId", "=", enterpriseId)
    .where("b.status", "=", confirmed)
    .where("b.endAt", ">", now)
    .orderBy("b.startAt")
    .limit(1),
);

/**
 * The enterprise home: its bookings counted by status, the next confirmed appointment, and
 * whether the account still waits for approval. Only this user's enterprise is read.
 */
export async function enterpriseHome(userId: number, now: Date) {
  const [enterprise] = await ENTERPRISE.read(userId);
  if (!enterprise) return null;
  const [byStatus, [next], policies] = await Promise.all([
    BY_STATUS.read(enterprise.id),
    NEXT.read(enterprise.id, "CONFIRMED", now),
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

const EXPERT = compiled((q, userId: number) =>
  q.selectFrom("ExpertProfile").select(["id"]).where("userId", "=", userId),
);
const EXPERT_COUNTS = compiled(
  (q, expertId: number, requested: string, confirmed: string, now: Date) =>
    q
      .selectFrom("Booking")
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere("status", "=", requested).as("toConfirm"),
        eb.fn
          .countAll<number>()
          .filterWhere((f) => f.and([f("status", "=", confirmed), f("startAt", "<", now)]))
          .as("toComplete"),
      ])
      .where("expertId", "=", expertId)
      .where("status", "in", [requested, confirmed]),
);
const TODAY = compiled((q, expertId: number, confirmed: string, from: Date, to: Date) =>
  q
    .selectFrom("Booking as b")
    .innerJoin("Enterprise as e", "e.id", "b.enterpriseId")
    .select(["b.id", "b.type", "b.mode", "b.startAt", "b.endAt", "b.topic", "e.name as enterprise"])
    .where("b.expertId", "=", expertId)
    .where("b.status", "=", confirmed)
    .where("b.startAt", ">=", from)
    .where("b.startAt", "<", to)
    // A contract review has no appointment time (decision 0022): not on today's schedule.
    .where("b.wishDate", "is", null)
    .orderBy("b.startAt")
    .limit(20),
);

/**
 * The expert home: requests to confirm, confirmed consultations whose time has passed and that
 * wait for the opinion (待出具意见), and today's confirmed schedule (Beijing day).
 */
export async function expertHome(userId: number, now: Date) {
  const [profile] = await EXPERT.read(userId);
  if (!profile) return null;
  const dayStart = beijingDayStart(now);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  const [[counts], today] = await Promise.all([
    EXPERT_COUNTS.read(profile.id, "REQUESTED", "CONFIRMED", now),
    TODAY.read(profile.id, "CONFIRMED", dayStart, dayEnd),
  ]);
  return {
    toConfirm: Number(counts?.toConfirm ?? 0),
    toComplete: Number(counts?.toComplete ?? 0),
    today,
  };
}
