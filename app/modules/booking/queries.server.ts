import { prisma } from "#app/utils/db.server.ts";
import type { SessionUser } from "#app/utils/auth.server.ts";
import { bookingScope } from "./access.server.ts";
import { parseSpecialties } from "./experts.server.ts";

const DETAIL = {
  id: true,
  type: true,
  mode: true,
  startAt: true,
  endAt: true,
  status: true,
  topic: true,
  description: true,
  contactName: true,
  contactMobile: true,
  audienceSize: true,
  trainingTopics: true,
  reason: true,
  cancelledBy: true,
  opinion: true,
  ratingScore: true,
  ratingComment: true,
  ratedAt: true,
  createdAt: true,
  closedAt: true,
  enterprise: { select: { id: true, name: true, uscc: true, userId: true } },
  expert: {
    select: {
      id: true,
      title: true,
      organisation: true,
      specialties: true,
      userId: true,
      user: { select: { name: true } },
    },
  },
  files: {
    where: { purgedAt: null },
    orderBy: { id: "asc" as const },
    select: {
      id: true,
      kind: true,
      originalName: true,
      size: true,
      format: true,
      sha256: true,
      createdAt: true,
    },
  },
} as const;

/** One booking if this user may see it (owner enterprise, assigned expert, ADMIN), else null. */
export async function getBookingFor(user: Pick<SessionUser, "id" | "role">, id: number) {
  const b = await prisma.booking.findFirst({
    where: { id, ...bookingScope(user) },
    select: DETAIL,
  });
  return b
    ? { ...b, expert: { ...b.expert, specialties: parseSpecialties(b.expert.specialties) } }
    : null;
}

const ROW = {
  id: true,
  type: true,
  startAt: true,
  endAt: true,
  status: true,
  topic: true,
  enterprise: { select: { name: true } },
  expert: { select: { user: { select: { name: true } } } },
} as const;

export function listEnterpriseBookings(userId: number) {
  return prisma.booking.findMany({
    where: { enterprise: { userId } },
    orderBy: { startAt: "desc" },
    take: 200,
    select: ROW,
  });
}

/** The expert workspace: requests waiting, today and upcoming confirmed, recent others. */
export async function expertWorkspace(userId: number, now: Date) {
  const where = { expert: { userId } };
  const dayStart = new Date(
    Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000,
  );
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const [requests, today, upcoming, recent] = await Promise.all([
    prisma.booking.findMany({
      where: { ...where, status: "REQUESTED" },
      orderBy: { startAt: "asc" },
      take: 100,
      select: ROW,
    }),
    prisma.booking.findMany({
      where: { ...where, status: "CONFIRMED", startAt: { gte: dayStart, lt: dayEnd } },
      orderBy: { startAt: "asc" },
      select: ROW,
    }),
    prisma.booking.findMany({
      where: { ...where, status: "CONFIRMED", startAt: { gte: dayEnd } },
      orderBy: { startAt: "asc" },
      take: 100,
      select: ROW,
    }),
    prisma.booking.findMany({
      where: { ...where, status: { in: ["CONFIRMED"] }, startAt: { lt: dayStart } },
      orderBy: { startAt: "desc" },
      take: 50,
      select: ROW,
    }),
  ]);
  return { requests, today, upcoming, overdue: recent };
}

/** A file row if the user may download it: the booking's enterprise, its expert, or an ADMIN. */
export function getFileFor(user: Pick<SessionUser, "id" | "role">, fileId: number) {
  return prisma.bookingFile.findFirst({
    where: { id: fileId, purgedAt: null, booking: bookingScope(user) },
    select: {
      id: true,
      bookingId: true,
      originalName: true,
      storedName: true,
      format: true,
      size: true,
      sha256: true,
    },
  });
}
