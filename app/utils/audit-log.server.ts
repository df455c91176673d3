import { auditRow, type AuditEntry } from "#app/data/audit.server.ts";

// The audit writer lives in the data layer: app/data/audit.server.ts (`audit(tx, entry)`).
// This module only keeps the old import path working for branches still in flight, and the
// Prisma-shaped `writeAudit` for app/modules/assignments until that module is converted
// (decision 0011, phase 2). Delete it when nothing imports it any more.

export { audit, auditRow, type AuditEntry, type AuditResult } from "#app/data/audit.server.ts";

type AuditData = ReturnType<typeof auditRow>;

/** A Prisma client or transaction client, typed by the one call used here (no Prisma import). */
type PrismaAuditWriter = {
  auditLog: { create(args: { data: AuditData; select: { id: true } }): Promise<unknown> };
};

/**
 * @deprecated The same row through a Prisma transaction client, for the assignments module
 * until it is on `write()`; use `audit(tx, entry)` from `#app/data/audit.server.ts`.
 */
export async function writeAudit(db: PrismaAuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: auditRow(entry), select: { id: true } });
}
