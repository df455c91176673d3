import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";

export const DEFAULT_ANNUAL_HOURS = 40;
const KEY = "annualCreditHours";

/** 学时 a staff member must earn per calendar year (ADMIN setting). */
const SETTING = compiled((q, key: string) =>
  q.selectFrom("Setting").select("value").where("key", "=", key),
);

export async function annualCreditHours(): Promise<number> {
  const [row] = await SETTING.read(KEY);
  const n = Number(row?.value);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_ANNUAL_HOURS;
}

export const DEFAULT_ISSUER = "法治学堂";
const ISSUER_KEY = "certificateIssuer";

/** The issuing body printed on certificates and the 年度学时证明 (ADMIN setting). */
export async function certificateIssuer(): Promise<string> {
  const row = await db()
    .selectFrom("Setting")
    .select("value")
    .where("key", "=", ISSUER_KEY)
    .executeTakeFirst();
  return row?.value.trim() || DEFAULT_ISSUER;
}

export async function setAnnualCreditHours(
  actor: { id: number; username: string },
  ip: string | null,
  hours: number,
  issuer?: string,
) {
  await write(async (tx) => {
    const updatedAt = new Date();
    const values: [string, string][] = [[KEY, String(hours)]];
    if (issuer !== undefined) values.push([ISSUER_KEY, issuer]);
    for (const [key, value] of values)
      await tx
        .insertInto("Setting")
        .values({ key, value, updatedAt })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt }))
        .execute();
    await audit(tx, {
      actor,
      action: "SETTING_UPDATE",
      objectType: "setting",
      objectId: KEY,
      result: "SUCCESS",
      ip,
      detail: { value: hours, ...(issuer !== undefined ? { certificateIssuer: issuer } : {}) },
    });
  });
}
