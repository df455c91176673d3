import type { ExpressionBuilder } from "kysely";
import type { DB } from "#app/data/db.server.ts";
import type { SessionUser } from "#app/utils/auth.server.ts";

/**
 * The condition that limits bookings to what a user may see: an enterprise its own, an expert
 * those assigned to him, an ADMIN all; anyone else nothing. Every booking and file query goes
 * through it (`.where(bookingScope(user))` on a query over Booking), so an IDOR cannot be
 * written by forgetting a check.
 */
export function bookingScope(user: Pick<SessionUser, "id" | "role">) {
  return (eb: ExpressionBuilder<DB, "Booking">) => {
    if (user.role === "ADMIN") return eb.and([]);
    if (user.role === "ENTERPRISE")
      return eb(
        "Booking.enterpriseId",
        "in",
        eb
          .selectFrom("Enterprise")
          .select("Enterprise.id")
          .where("Enterprise.userId", "=", user.id),
      );
    if (user.role === "EXPERT")
      return eb(
        "Booking.expertId",
        "in",
        eb
          .selectFrom("ExpertProfile")
          .select("ExpertProfile.id")
          .where("ExpertProfile.userId", "=", user.id),
      );
    return eb.or([]);
  };
}

export type Party = "ENTERPRISE" | "EXPERT" | "ADMIN";
export function partyOf(role: string): Party | null {
  return role === "ENTERPRISE" || role === "EXPERT" || role === "ADMIN" ? role : null;
}

/** Roles that can open a booking page or a booking file at all. */
export const BOOKING_ROLES = ["ENTERPRISE", "EXPERT", "ADMIN"] as const;
