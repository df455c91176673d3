import type { Kysely } from "kysely";
import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, isUniqueViolation, write, type DB } from "#app/data/db.server.ts";
import { isLoginNameClash } from "#app/modules/users/login-names.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { generateInitialPassword, hashPassword } from "#app/utils/password.server.ts";
import type { WeeklyRule } from "./slots.ts";

type Actor = { id: number; username: string };
export type ExpertProfileInput = {
  name: string;
  title: string;
  organisation: string;
  specialties: string[];
  bio: string;
};

export function parseSpecialties(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/** ADMIN: an EXPERT account with its profile; the initial password is returned once and must be changed at first login. */
export async function createExpert(
  actor: Actor,
  ip: string | null,
  input: ExpertProfileInput & { username: string },
) {
  const clash = await db()
    .selectFrom("User")
    .select("id")
    .where((eb) => eb.or([eb("username", "=", input.username), eb("mobile", "=", input.username)]))
    .executeTakeFirst();
  if (clash) return { ok: false as const, fieldErrors: { username: "该用户名已存在" } };
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await write(async (tx) => {
      const now = new Date();
      const user = await tx
        .insertInto("User")
        .values({
          username: input.username,
          name: input.name,
          role: "EXPERT",
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const profile = await tx
        .insertInto("ExpertProfile")
        .values({
          userId: user.id,
          title: input.title,
          organisation: input.organisation,
          specialties: JSON.stringify(input.specialties),
          bio: input.bio,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(tx, {
        actor,
        action: "EXPERT_CREATE",
        objectType: "expert",
        objectId: profile.id,
        result: "SUCCESS",
        ip,
        detail: { username: input.username },
      });
      return profile.id;
    });
    return { ok: true as const, id, password };
  } catch (error) {
    if (isUniqueViolation(error) || isLoginNameClash(error))
      return { ok: false as const, fieldErrors: { username: "该用户名已存在" } };
    throw error;
  }
}

export async function updateExpert(
  actor: Actor,
  ip: string | null,
  id: number,
  input: ExpertProfileInput & { active: boolean },
) {
  await write(async (tx) => {
    const p = await tx
      .updateTable("ExpertProfile")
      .set({
        title: input.title,
        organisation: input.organisation,
        specialties: JSON.stringify(input.specialties),
        bio: input.bio,
        active: input.active,
      })
      .where("id", "=", id)
      .returning("userId")
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("User")
      .set({ name: input.name, updatedAt: new Date() })
      .where("id", "=", p.userId)
      .execute();
    await audit(tx, {
      actor,
      action: "EXPERT_UPDATE",
      objectType: "expert",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { active: input.active },
    });
  });
}

export type ExpertCard = {
  id: number;
  name: string;
  title: string;
  organisation: string;
  specialties: string[];
  bio: string;
  slotMinutes: number;
};

function bookableExperts(q: Kysely<DB> = db()) {
  return q
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select([
      "p.id",
      "u.name",
      "p.title",
      "p.organisation",
      "p.specialties",
      "p.bio",
      "p.slotMinutes",
    ])
    .where("p.active", "=", true)
    .where("u.disabled", "=", false);
}

/** Active experts for the booking page, optionally those with one specialty. */
export async function listBookableExperts(specialty = ""): Promise<ExpertCard[]> {
  const rows = await bookableExperts().orderBy("p.id").execute();
  return rows
    .map((r) => ({ ...r, specialties: parseSpecialties(r.specialties) }))
    .filter((r) => !specialty || r.specialties.includes(specialty));
}

export async function allSpecialties(): Promise<string[]> {
  return [...new Set((await listBookableExperts()).flatMap((e) => e.specialties))].sort((a, b) =>
    a.localeCompare(b, "zh-CN"),
  );
}

const EXPERT_OF_USER = compiled((q, userId: number) =>
  q.selectFrom("ExpertProfile").select("id").where("userId", "=", userId),
);

export async function expertIdOfUser(userId: number): Promise<number | null> {
  const row = await EXPERT_OF_USER.first(db(), userId);
  return row?.id ?? null;
}

const CARD = compiled((q, id: number) => bookableExperts(q).where("p.id", "=", id));

/** One bookable expert (the slot page and the calendar step ask on every request: one row). */
export async function getExpertCard(id: number): Promise<ExpertCard | null> {
  const r = await CARD.first(db(), id);
  return r ? { ...r, specialties: parseSpecialties(r.specialties) } : null;
}

const rulesOf = (q: Kysely<DB>, expertId: number) =>
  q
    .selectFrom("AvailabilityRule")
    .select(["weekday", "startMinute", "endMinute"])
    .where("expertId", "=", expertId)
    .orderBy("weekday")
    .orderBy("startMinute")
    .execute();

export { expertCalendar } from "./expert-calendar.server.ts";

export async function availabilityOf(expertId: number) {
  const p = await db()
    .selectFrom("ExpertProfile")
    .select(["slotMinutes", "bufferMinutes", "dailyMax"])
    .where("id", "=", expertId)
    .executeTakeFirstOrThrow();
  const rules = await rulesOf(db(), expertId);
  const leaves = await db()
    .selectFrom("ExpertLeave")
    .select("day")
    .where("expertId", "=", expertId)
    .orderBy("day")
    .execute();
  return { ...p, rules, leaves: leaves.map((l) => l.day) };
}

export async function saveAvailability(
  actor: Actor,
  expertId: number,
  input: { slotMinutes: number; bufferMinutes: number; dailyMax: number; rules: WeeklyRule[] },
) {
  await write(async (tx) => {
    await tx
      .updateTable("ExpertProfile")
      .set({
        slotMinutes: input.slotMinutes,
        bufferMinutes: input.bufferMinutes,
        dailyMax: input.dailyMax,
      })
      .where("id", "=", expertId)
      .execute();
    await tx.deleteFrom("AvailabilityRule").where("expertId", "=", expertId).execute();
    if (input.rules.length > 0)
      await tx
        .insertInto("AvailabilityRule")
        .values(input.rules.map((r) => ({ ...r, expertId })))
        .execute();
    await audit(tx, {
      actor,
      action: "EXPERT_AVAILABILITY",
      objectType: "expert",
      objectId: expertId,
      result: "SUCCESS",
      detail: { ...input, rules: input.rules.length },
    });
  });
}

export async function setLeave(actor: Actor, expertId: number, day: string, on: boolean) {
  await write(async (tx) => {
    if (on)
      await tx
        .insertInto("ExpertLeave")
        .values({ expertId, day })
        .onConflict((oc) => oc.columns(["expertId", "day"]).doNothing())
        .execute();
    else
      await tx
        .deleteFrom("ExpertLeave")
        .where("expertId", "=", expertId)
        .where("day", "=", day)
        .execute();
    await audit(tx, {
      actor,
      action: on ? "EXPERT_LEAVE_ADD" : "EXPERT_LEAVE_REMOVE",
      objectType: "expert",
      objectId: expertId,
      result: "SUCCESS",
      detail: { day },
    });
  });
}

/** ADMIN: every expert with the number of rated bookings and the average score. */
export async function expertsWithRatings() {
  const rows = await db()
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .leftJoin("Booking as b", "b.expertId", "p.id")
    .select((eb) => [
      "p.id",
      "u.username",
      "u.name",
      "p.title",
      "p.organisation",
      "p.specialties",
      "p.active",
      eb.fn.count<number>("b.ratingScore").as("ratings"),
      eb.fn.avg<number | null>("b.ratingScore").as("average"),
      sql<number>`SUM(CASE WHEN ${eb.ref("b.status")} = 'COMPLETED' THEN 1 ELSE 0 END)`.as(
        "completed",
      ),
    ])
    .groupBy([
      "p.id",
      "u.username",
      "u.name",
      "p.title",
      "p.organisation",
      "p.specialties",
      "p.active",
    ])
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    ...r,
    specialties: parseSpecialties(r.specialties),
    ratings: Number(r.ratings),
    completed: Number(r.completed ?? 0),
    average: r.average === null ? null : Math.round(Number(r.average) * 100) / 100,
  }));
}

export async function getExpertForAdmin(id: number) {
  const r = await db()
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select([
      "p.id",
      "p.title",
      "p.organisation",
      "p.specialties",
      "p.bio",
      "p.active",
      "p.photoName",
      "u.username",
      "u.name",
    ])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  const { username, name, photoName, ...profile } = r;
  return {
    ...profile,
    photo: photoName ? `/consult/experts/${r.id}/photo?v=${photoName.slice(0, 8)}` : null,
    user: { username, name },
  };
}
