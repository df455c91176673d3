import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";

export const DEFAULT_ANNUAL_HOURS = 40;
const KEY = "annualCreditHours";

/** 学时 a staff member must earn per calendar year (ADMIN setting). */
export async function annualCreditHours(): Promise<number> {
  const row = await db()
    .selectFrom("Setting")
    .select("value")
    .where("key", "=", KEY)
    .executeTakeFirst();
  const n = Number(row?.value);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_ANNUAL_HOURS;
}

export async function setAnnualCreditHours(
  actor: { id: number; username: string },
  ip: string | null,
  hours: number,
) {
  await write(async (tx) => {
    const updatedAt = new Date();
    await tx
      .insertInto("Setting")
      .values({ key: KEY, value: String(hours), updatedAt })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(hours), updatedAt }))
      .execute();
    await audit(tx, {
      actor,
      action: "SETTING_UPDATE",
      objectType: "setting",
      objectId: KEY,
      result: "SUCCESS",
      ip,
      detail: { value: hours },
    });
  });
}
