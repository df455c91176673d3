import type { Insertable, Kysely } from "kysely";
import type { AuditAction } from "#app/modules/audit/actions.ts";
import { compiled } from "./compiled.server.ts";
import type { DB } from "./db.server.ts";
import type { AuditLogTable } from "./schema.generated.ts";
import { normaliseIp } from "#app/utils/ip.ts";

// THE audit writer (decision 0011): one row definition, one insert, inside the caller's
// `write()` transaction so the row commits with the change it records (or not at all).

export type AuditResult = "SUCCESS" | "FAILURE" | "DENIED";
export type AuditEntry = {
  actor?: { id: number; username: string } | null;
  /** For a failed login the name typed, when no user matched. */
  actorName?: string;
  action: AuditAction;
  objectType?: string;
  objectId?: string | number;
  result: AuditResult;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

const SECRET_KEY = /pass|token|secret|hash|cookie/i;

function cleanDetail(detail: Record<string, unknown> | undefined): string | null {
  if (!detail) return null;
  const safe = Object.fromEntries(Object.entries(detail).filter(([k]) => !SECRET_KEY.test(k)));
  return JSON.stringify(safe).slice(0, 2000);
}

/** THE audit row: secret-looking detail keys dropped, the name and detail bounded, the address in one spelling. */
export function auditRow(entry: AuditEntry, at = new Date()): Insertable<AuditLogTable> {
  return {
    at,
    actorId: entry.actor?.id ?? null,
    actorName: (entry.actor?.username ?? entry.actorName ?? null)?.slice(0, 64) ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId === undefined ? null : String(entry.objectId),
    result: entry.result,
    ip: normaliseIp(entry.ip),
    detail: cleanDetail(entry.detail),
  };
}

/** The insert of one audit row, compiled once (decision 0011): every login and booking writes one. */
const INSERT = compiled(
  (
    q,
    at: Date,
    actorId: number | null,
    actorName: string | null,
    action: string,
    objectType: string | null,
    objectId: string | null,
    result: string,
    ip: string | null,
    detail: string | null,
  ) =>
    q
      .insertInto("AuditLog")
      .values({ at, actorId, actorName, action, objectType, objectId, result, ip, detail }),
);

/** Appends one audit row inside a `write()` transaction, so it commits with the change. */
export async function audit(tx: Kysely<DB>, entry: AuditEntry): Promise<void> {
  const row = auditRow(entry);
  await INSERT.changes(
    tx,
    row.at as Date,
    row.actorId ?? null,
    row.actorName ?? null,
    row.action,
    row.objectType ?? null,
    row.objectId ?? null,
    row.result,
    row.ip ?? null,
    row.detail ?? null,
  );
}
