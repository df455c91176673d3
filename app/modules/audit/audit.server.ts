import { prisma, stmt } from "#app/utils/db.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";

export const AUDIT_PAGE_SIZE = 50;

type Filter = { user: string; action: string; from: string; to: string; page: number };

/** Newest first; dates are calendar days in Beijing time, both ends included. */
export async function listAuditLog(filter: Filter) {
  const at: { gte?: Date; lt?: Date } = {};
  if (filter.from) at.gte = shanghaiDayStart(filter.from);
  if (filter.to) at.lt = new Date(shanghaiDayStart(filter.to).getTime() + 86_400_000);
  const where = {
    ...(filter.user ? { actorName: filter.user } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(at.gte || at.lt ? { at } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        at: true,
        actorName: true,
        action: true,
        objectType: true,
        objectId: true,
        result: true,
        ip: true,
        detail: true,
      },
    }),
  ]);
  return { total, rows, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** Counts for the auditor's home over the last 24 hours. */
export function recentAuditSummary() {
  const since = Date.now() - 86_400_000;
  return stmt(
    `SELECT COUNT(*) AS total,
              COUNT(CASE WHEN action = 'LOGIN_FAILURE' THEN 1 END) AS loginFailures,
              COUNT(CASE WHEN result = 'DENIED' THEN 1 END) AS denied
       FROM AuditLog WHERE at >= ?`,
  ).get(since) as { total: number; loginFailures: number; denied: number };
}
