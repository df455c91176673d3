import type { AuditAction } from "#app/modules/audit/actions.ts";
import { prepared, type Db, type Writer } from "./db.server.ts";

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

/**
 * Appends one audit row. Pass the transaction client when recording a change,
 * so the row and the change commit or roll back together.
 */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      at: new Date(),
      actorId: entry.actor?.id ?? null,
      actorName: (entry.actor?.username ?? entry.actorName ?? null)?.slice(0, 64) ?? null,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId === undefined ? null : String(entry.objectId),
      result: entry.result,
      ip: entry.ip ?? null,
      detail: cleanDetail(entry.detail),
    },
    select: { id: true },
  });
}

/** The same row from inside a writeTx transaction (the hot learning writes). */
export function writeAuditRaw(db: Writer, entry: AuditEntry): void {
  prepared(
    db,
    "INSERT INTO AuditLog (at, actorId, actorName, action, objectType, objectId, result, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(
    Date.now(),
    entry.actor?.id ?? null,
    (entry.actor?.username ?? entry.actorName ?? null)?.slice(0, 64) ?? null,
    entry.action,
    entry.objectType ?? null,
    entry.objectId === undefined ? null : String(entry.objectId),
    entry.result,
    entry.ip ?? null,
    cleanDetail(entry.detail),
  );
}
