import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";

export const DEFAULT_ANNUAL_HOURS = 40;
export const ANNUAL_HOURS_KEY = "annualCreditHours";
const KEY = ANNUAL_HOURS_KEY;

// Settings are read from the database on every use (no per-process copy: a change made on
// another instance is seen by the next request). Pages that need several read them in one
// compiled statement (issue 14: the staff home read three settings with three built queries).
const SETTING_VALUES = compiled((q, ...keys: string[]) =>
  q.selectFrom("Setting").select(["key", "value"]).where("key", "in", keys),
);

/** The stored values of `keys` (missing keys are absent), in one statement. */
export async function settingValues(keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await SETTING_VALUES.read(...keys);
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** The annual 学时 from a stored value: a positive number, or the default. */
export function annualHoursFrom(value: string | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_ANNUAL_HOURS;
}

/** 学时 a staff member must earn per calendar year (ADMIN setting). */
export async function annualCreditHours(): Promise<number> {
  return annualHoursFrom((await settingValues([KEY])).get(KEY));
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
