import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import type { Industry } from "./schemas.ts";

// Enterprises subscribe to industries; a publication addressed to enterprises notifies the
// subscribers of its industries (workflow.server.ts publish).

export async function mySubscriptions(userId: number): Promise<string[]> {
  const rows = await db()
    .selectFrom("PolicySubscription")
    .select("industry")
    .where("userId", "=", userId)
    .orderBy("industry")
    .execute();
  return rows.map((r) => r.industry);
}

/** Replaces the enterprise's industries with `industries` (audited). */
export async function setSubscriptions(
  user: { id: number; username: string },
  industries: Industry[],
  ip: string | null,
): Promise<void> {
  await write(async (tx) => {
    const now = new Date();
    await tx.deleteFrom("PolicySubscription").where("userId", "=", user.id).execute();
    if (industries.length > 0)
      await tx
        .insertInto("PolicySubscription")
        .values(industries.map((industry) => ({ userId: user.id, industry, createdAt: now })))
        .execute();
    await audit(tx, {
      actor: user,
      action: "POLICY_SUBSCRIBE",
      objectType: "user",
      objectId: user.id,
      result: "SUCCESS",
      ip,
      detail: { industries },
    });
  });
}
