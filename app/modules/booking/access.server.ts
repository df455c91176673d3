import type { SessionUser } from "#app/utils/auth.server.ts";

/**
 * The Prisma `where` that limits bookings to what a user may see: an enterprise
 * its own, an expert those assigned to him, an ADMIN all; anyone else nothing.
 * Every booking and file query goes through it, so an IDOR cannot be written by
 * forgetting a check.
 */
export function bookingScope(user: Pick<SessionUser, "id" | "role">) {
  if (user.role === "ADMIN") return {};
  if (user.role === "ENTERPRISE") return { enterprise: { userId: user.id } };
  if (user.role === "EXPERT") return { expert: { userId: user.id } };
  return { id: -1 };
}

export type Party = "ENTERPRISE" | "EXPERT" | "ADMIN";
export function partyOf(role: string): Party | null {
  return role === "ENTERPRISE" || role === "EXPERT" || role === "ADMIN" ? role : null;
}

/** Roles that can open a booking page or a booking file at all. */
export const BOOKING_ROLES = ["ENTERPRISE", "EXPERT", "ADMIN"] as const;
