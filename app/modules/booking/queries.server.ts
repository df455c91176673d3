import type { Kysely } from "kysely";
import { db, type DB } from "#app/data/db.server.ts";
import type { SessionUser } from "#app/utils/auth.server.ts";
import { bookingScope } from "./access.server.ts";
import { parseSpecialties } from "./experts.server.ts";

/** One booking if this user may see it (owner enterprise, assigned expert, ADMIN), else null. */
export async function getBookingFor(user: Pick<SessionUser, "id" | "role">, id: number) {
  const b = await db()
    .selectFrom("Booking")
    .innerJoin("Enterprise as e", "e.id", "Booking.enterpriseId")
    .innerJoin("ExpertProfile as p", "p.id", "Booking.expertId")
    .innerJoin("User as u", "u.id", "p.userId")
    .select([
      "Booking.id",
      "Booking.type",
      "Booking.mode",
      "Booking.meetingUrl",
      "Booking.meetingDialIn",
      "Booking.proposedStart",
      "Booking.startAt",
      "Booking.endAt",
      "Booking.status",
      "Booking.topic",
      "Booking.description",
      "Booking.contactName",
      "Booking.contactMobile",
      "Booking.audienceSize",
      "Booking.trainingTopics",
      "Booking.reason",
      "Booking.cancelledBy",
      "Booking.opinion",
      "Booking.ratingScore",
      "Booking.ratingComment",
      "Booking.ratedAt",
      "Booking.createdAt",
      "Booking.closedAt",
      "Booking.confirmedAt",
      "Booking.wishDate",
      "Booking.promisedDate",
      "e.id as enterpriseId",
      "e.name as enterpriseName",
      "e.uscc as enterpriseUscc",
      "e.userId as enterpriseUserId",
      "p.id as expertId",
      "p.title as expertTitle",
      "p.organisation as expertOrganisation",
      "p.specialties as expertSpecialties",
      "p.userId as expertUserId",
      "u.name as expertName",
    ])
    .where("Booking.id", "=", id)
    .where(bookingScope(user))
    .executeTakeFirst();
  if (!b) return null;
  const files = await db()
    .selectFrom("BookingFile")
    .select(["id", "kind", "originalName", "size", "format", "sha256", "createdAt"])
    .where("bookingId", "=", b.id)
    .where("purgedAt", "is", null)
    .orderBy("id")
    .execute();
  const {
    enterpriseId,
    enterpriseName,
    enterpriseUscc,
    enterpriseUserId,
    expertId,
    expertTitle,
    expertOrganisation,
    expertSpecialties,
    expertUserId,
    expertName,
    ...booking
  } = b;
  return {
    ...booking,
    ...meetingFor(user.role, booking),
    enterprise: {
      id: enterpriseId,
      name: enterpriseName,
      uscc: enterpriseUscc,
      userId: enterpriseUserId,
    },
    expert: {
      id: expertId,
      title: expertTitle,
      organisation: expertOrganisation,
      specialties: parseSpecialties(expertSpecialties),
      userId: expertUserId,
      user: { name: expertName },
    },
    files,
  };
}

/** The meeting link and dial-in reach the enterprise only once the booking is confirmed. */
function meetingFor(
  role: string,
  b: { status: string; meetingUrl: string | null; meetingDialIn: string | null },
) {
  const shown = role !== "ENTERPRISE" || b.status === "CONFIRMED" || b.status === "COMPLETED";
  return shown
    ? { meetingUrl: b.meetingUrl, meetingDialIn: b.meetingDialIn }
    : { meetingUrl: null, meetingDialIn: null };
}

/** The list row: a booking with its enterprise's and its expert's names. */
export function rows(q: Kysely<DB> = db()) {
  return q
    .selectFrom("Booking")
    .innerJoin("Enterprise as e", "e.id", "Booking.enterpriseId")
    .innerJoin("ExpertProfile as p", "p.id", "Booking.expertId")
    .innerJoin("User as u", "u.id", "p.userId")
    .select([
      "Booking.id",
      "Booking.type",
      "Booking.startAt",
      "Booking.endAt",
      "Booking.status",
      "Booking.topic",
      "Booking.wishDate",
      "Booking.promisedDate",
      "e.name as enterpriseName",
      "u.name as expertName",
    ]);
}
type RowRecord = Awaited<ReturnType<ReturnType<typeof rows>["execute"]>>[number];
export const shape = ({ enterpriseName, expertName, ...r }: RowRecord) => ({
  ...r,
  enterprise: { name: enterpriseName },
  expert: { user: { name: expertName } },
});

export async function listEnterpriseBookings(userId: number) {
  const list = await rows()
    .where("e.userId", "=", userId)
    .orderBy("Booking.startAt", "desc")
    .limit(200)
    .execute();
  return list.map(shape);
}

/** A file row if the user may download it: the booking's enterprise, its expert, or an ADMIN. */
export async function getFileFor(user: Pick<SessionUser, "id" | "role">, fileId: number) {
  const f = await db()
    .selectFrom("BookingFile as f")
    .innerJoin("Booking", "Booking.id", "f.bookingId")
    .select([
      "f.id",
      "f.bookingId",
      "f.originalName",
      "f.storedName",
      "f.format",
      "f.size",
      "f.sha256",
    ])
    .where("f.id", "=", fileId)
    .where("f.purgedAt", "is", null)
    .where(bookingScope(user))
    .executeTakeFirst();
  return f ?? null;
}
