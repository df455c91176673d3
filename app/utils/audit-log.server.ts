import type { Insertable, Kysely } from "kysely";
import type { DB } from "#app/data/db.server.ts";
import type { AuditLogTable } from "#app/data/schema.generated.ts";
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

/** THE audit row: every writer below inserts exactly this (decision 0011). */
export function auditRow(entry: AuditEntry, at = new Date()): Insertable<AuditLogTable> {
  return {
    at,
    actorId: entry.actor?.id ?? null,
    actorName: (entry.actor?.username ?? entry.actorName ?? null)?.slice(0, 64) ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId === undefined ? null : String(entry.objectId),
    result: entry.result,
    ip: entry.ip ?? null,
    detail: cleanDetail(entry.detail),
  };
}

/** Appends one audit row inside a `write()` transaction, so it commits with the change. */
export async function audit(tx: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await tx.insertInto("AuditLog").values(auditRow(entry)).execute();
}

/**
 * The same row through Prisma, for code not yet converted (decision 0011, phase 2). Pass the
 * transaction client when recording a change, so the row and the change commit together.
 */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  const { at, ...row } = auditRow(entry);
  await db.auditLog.create({ data: { ...row, at }, select: { id: true } });
}

/** The same row from inside a writeTx transaction (learning writes not yet converted). */
export function writeAuditRaw(db: Writer, entry: AuditEntry): void {
  const r = auditRow(entry);
  prepared(
    db,
    "INSERT INTO AuditLog (at, actorId, actorName, action, objectType, objectId, result, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(
    r.at.getTime(),
    r.actorId,
    r.actorName,
    r.action,
    r.objectType,
    r.objectId,
    r.result,
    r.ip,
    r.detail,
  );
}
