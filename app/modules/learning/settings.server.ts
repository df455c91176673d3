import { writeAudit } from "#app/utils/audit-log.server.ts";
import { prisma, stmt } from "#app/utils/db.server.ts";

export const DEFAULT_ANNUAL_HOURS = 40;
const KEY = "annualCreditHours";

/** 学时 a staff member must earn per calendar year (ADMIN setting). */
export function annualCreditHours(): number {
  const row = stmt("SELECT value FROM Setting WHERE key = ?").get(KEY) as
    { value: string } | undefined;
  const n = Number(row?.value);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_ANNUAL_HOURS;
}

export async function setAnnualCreditHours(
  actor: { id: number; username: string },
  ip: string | null,
  hours: number,
) {
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: String(hours) },
      update: { value: String(hours) },
      select: { key: true },
    });
    await writeAudit(tx, {
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
