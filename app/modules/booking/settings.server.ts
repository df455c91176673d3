import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";

/** Consultation settings (系统设置 → 预约设置), stored as Setting rows "consult.<name>". */
export type ConsultSettings = {
  /** Self-registered enterprises wait for an ADMIN's approval (default: off, usable at once). */
  approvalRequired: boolean;
  leadHours: number;
  horizonDays: number;
  cancelCutoffHours: number;
  maxActive: number;
  maxFileMb: number;
  maxFiles: number;
  retentionDays: number;
  /** Contract reviews one expert may have accepted and not yet finished (issue 18). */
  reviewCapacity: number;
};

export const CONSULT_DEFAULTS: ConsultSettings = {
  approvalRequired: false,
  leadHours: 24,
  horizonDays: 30,
  cancelCutoffHours: 12,
  maxActive: 3,
  maxFileMb: 10,
  maxFiles: 5,
  retentionDays: 180,
  reviewCapacity: 5,
};

/** The ceiling the Express body limit allows on the upload routes (settings cannot exceed it). */
export const UPLOAD_CEILING = { maxFileMb: 10, maxFiles: 5 };

// The pattern is a literal: with a bound pattern SQLite prepares the statement again on every
// run (its LIKE optimisation reads the bound value and marks the statement to be re-prepared
// when the value is bound again, as better-sqlite3 does per call): 55-73 µs for one row.
export const CONSULT_ROWS = compiled((q) =>
  q.selectFrom("Setting").select(["key", "value"]).where("key", "like", sql.lit("consult.%")),
);

/** The settings from their "consult.<name>" rows; defaults where a row is missing or invalid. */
function settingsFrom(rows: Iterable<readonly [key: string, value: string]>): ConsultSettings {
  const out = { ...CONSULT_DEFAULTS };
  for (const [key, value] of rows) {
    const name = key.slice("consult.".length) as keyof ConsultSettings;
    if (!(name in out)) continue;
    if (name === "approvalRequired") out.approvalRequired = value === "true";
    else {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 0) out[name] = n;
    }
  }
  return out;
}

export async function consultSettings(): Promise<ConsultSettings> {
  const rows = await CONSULT_ROWS.read();
  return settingsFrom(rows.map((r) => [r.key, r.value] as const));
}

/**
 * The settings from the rows as one JSON object of key to value text (null: no rows), as the
 * booking check reads them inside its statement (booking-check.server.ts).
 */
export function settingsFromJson(text: string | null): ConsultSettings {
  const rows = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return settingsFrom(Object.entries(rows).map(([k, v]) => [k, String(v)] as const));
}

export async function saveConsultSettings(
  actor: { id: number; username: string },
  ip: string | null,
  next: ConsultSettings,
) {
  await write(async (tx) => {
    const updatedAt = new Date();
    for (const [name, value] of Object.entries(next)) {
      const key = `consult.${name}`;
      await tx
        .insertInto("Setting")
        .values({ key, value: String(value), updatedAt })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(value), updatedAt }))
        .execute();
    }
    await audit(tx, {
      actor,
      action: "SETTING_UPDATE",
      objectType: "setting",
      objectId: "consult",
      result: "SUCCESS",
      ip,
      detail: next,
    });
  });
}
