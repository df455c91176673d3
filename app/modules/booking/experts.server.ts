import { isLoginNameClash } from "#app/modules/users/login-names.server.ts";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import {
  isUniqueViolation,
  prepared,
  prisma,
  sqlite,
  stmt,
  type Writer,
} from "#app/utils/db.server.ts";
import { generateInitialPassword, hashPassword } from "#app/utils/password.server.ts";
import type { ExpertCalendar, WeeklyRule } from "./slots.ts";

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
  const clash = stmt("SELECT COUNT(*) AS n FROM User WHERE username = ? OR mobile = ?").get(
    input.username,
    input.username,
  ) as { n: number };
  if (clash.n > 0) return { ok: false as const, fieldErrors: { username: "该用户名已存在" } };
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          username: input.username,
          name: input.name,
          role: "EXPERT",
          passwordHash,
          mustChangePassword: true,
        },
        select: { id: true },
      });
      const profile = await tx.expertProfile.create({
        data: {
          userId: user.id,
          title: input.title,
          organisation: input.organisation,
          specialties: JSON.stringify(input.specialties),
          bio: input.bio,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
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
  await prisma.$transaction(async (tx) => {
    const p = await tx.expertProfile.update({
      where: { id },
      data: {
        title: input.title,
        organisation: input.organisation,
        specialties: JSON.stringify(input.specialties),
        bio: input.bio,
        active: input.active,
      },
      select: { userId: true },
    });
    await tx.user.update({
      where: { id: p.userId },
      data: { name: input.name },
      select: { id: true },
    });
    await writeAudit(tx, {
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

/** Active experts for the booking page, optionally those with one specialty. */
export function listBookableExperts(specialty = ""): ExpertCard[] {
  const rows = stmt(
    "SELECT p.id, u.name, p.title, p.organisation, p.specialties, p.bio, p.slotMinutes FROM ExpertProfile p JOIN User u ON u.id = p.userId WHERE p.active = 1 AND u.disabled = 0 ORDER BY p.id",
  ).all() as (Omit<ExpertCard, "specialties"> & { specialties: string })[];
  return rows
    .map((r) => ({ ...r, specialties: parseSpecialties(r.specialties) }))
    .filter((r) => !specialty || r.specialties.includes(specialty));
}

export function allSpecialties(): string[] {
  return [...new Set(listBookableExperts().flatMap((e) => e.specialties))].sort((a, b) =>
    a.localeCompare(b, "zh-CN"),
  );
}

export function expertIdOfUser(userId: number): number | null {
  return (
    (
      stmt("SELECT id FROM ExpertProfile WHERE userId = ?").get(userId) as
        { id: number } | undefined
    )?.id ?? null
  );
}

export function getExpertCard(id: number): ExpertCard | null {
  return listBookableExperts().find((e) => e.id === id) ?? null;
}

/**
 * Rules, leave days and the bookings that hold time from `from` (to `until`): raw reads (the slot
 * page is hot), on the reader or, inside a writeTx, on the writer connection.
 */
export function expertCalendar(
  expertId: number,
  from: number,
  until = Number.MAX_SAFE_INTEGER,
  db: Writer = sqlite(),
): ExpertCalendar | null {
  const stmt = (sql: string) => prepared(db, sql);
  // Bookable = an active profile whose user account is not disabled (read in the caller's
  // transaction when booking, so a disabling that commits first wins).
  const p = stmt(
    "SELECT p.slotMinutes, p.bufferMinutes, p.dailyMax FROM ExpertProfile p JOIN User u ON u.id = p.userId WHERE p.id = ? AND p.active = 1 AND u.disabled = 0",
  ).get(expertId) as { slotMinutes: number; bufferMinutes: number; dailyMax: number } | undefined;
  if (!p) return null;
  const rules = stmt(
    "SELECT weekday, startMinute, endMinute FROM AvailabilityRule WHERE expertId = ? ORDER BY weekday, startMinute",
  ).all(expertId) as WeeklyRule[];
  const leaves = stmt("SELECT day FROM ExpertLeave WHERE expertId = ?")
    .pluck()
    .all(expertId) as string[];
  const busy = stmt(
    "SELECT startAt, endAt FROM Booking WHERE expertId = ? AND endAt > ? AND startAt < ? AND status NOT IN ('DECLINED', 'CANCELLED') ORDER BY startAt",
  ).all(expertId, from - 86_400_000, until) as {
    startAt: number;
    endAt: number;
  }[];
  return { ...p, rules, leaveDays: new Set(leaves), busy };
}

export function availabilityOf(expertId: number) {
  const p = stmt("SELECT slotMinutes, bufferMinutes, dailyMax FROM ExpertProfile WHERE id = ?").get(
    expertId,
  ) as { slotMinutes: number; bufferMinutes: number; dailyMax: number };
  const rules = stmt(
    "SELECT weekday, startMinute, endMinute FROM AvailabilityRule WHERE expertId = ? ORDER BY weekday, startMinute",
  ).all(expertId) as WeeklyRule[];
  const leaves = stmt("SELECT day FROM ExpertLeave WHERE expertId = ? ORDER BY day")
    .pluck()
    .all(expertId) as string[];
  return { ...p, rules, leaves };
}

export async function saveAvailability(
  actor: Actor,
  expertId: number,
  input: { slotMinutes: number; bufferMinutes: number; dailyMax: number; rules: WeeklyRule[] },
) {
  await prisma.$transaction(async (tx) => {
    await tx.expertProfile.update({
      where: { id: expertId },
      data: {
        slotMinutes: input.slotMinutes,
        bufferMinutes: input.bufferMinutes,
        dailyMax: input.dailyMax,
      },
      select: { id: true },
    });
    await tx.availabilityRule.deleteMany({ where: { expertId } });
    if (input.rules.length > 0)
      await tx.availabilityRule.createMany({ data: input.rules.map((r) => ({ ...r, expertId })) });
    await writeAudit(tx, {
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
  await prisma.$transaction(async (tx) => {
    if (on)
      await tx.expertLeave.upsert({
        where: { expertId_day: { expertId, day } },
        create: { expertId, day },
        update: {},
        select: { day: true },
      });
    else await tx.expertLeave.deleteMany({ where: { expertId, day } });
    await writeAudit(tx, {
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
export function expertsWithRatings() {
  const rows = stmt(
    `SELECT p.id, u.username, u.name, p.title, p.organisation, p.specialties, p.active,
            COUNT(b.ratingScore) AS ratings, AVG(b.ratingScore) AS average,
            SUM(CASE WHEN b.status = 'COMPLETED' THEN 1 ELSE 0 END) AS completed
     FROM ExpertProfile p JOIN User u ON u.id = p.userId LEFT JOIN Booking b ON b.expertId = p.id
     GROUP BY p.id ORDER BY p.id`,
  ).all() as {
    id: number;
    username: string;
    name: string;
    title: string;
    organisation: string;
    specialties: string;
    active: number;
    ratings: number;
    average: number | null;
    completed: number;
  }[];
  return rows.map((r) => ({
    ...r,
    specialties: parseSpecialties(r.specialties),
    active: r.active === 1,
    average: r.average === null ? null : Math.round(r.average * 100) / 100,
  }));
}

export function getExpertForAdmin(id: number) {
  return prisma.expertProfile.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      organisation: true,
      specialties: true,
      bio: true,
      active: true,
      user: { select: { username: true, name: true } },
    },
  });
}
