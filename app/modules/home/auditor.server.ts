import { db } from "#app/data/db.server.ts";
import { beijingDay, beijingDayStart, DAY_MS } from "./time.ts";

/** The security events the auditor's home counts. */
export const SECURITY_KINDS = ["failedLogins", "lockouts", "denials"] as const;
export type SecurityKind = (typeof SECURITY_KINDS)[number];
export const TREND_DAYS = 7;

/**
 * Failed logins, lockouts and denied requests per Beijing day over the last TREND_DAYS days
 * (today included): one statement over the AuditLog `at` index with one filtered count per day
 * and kind, so an attack that writes many rows costs the home no more than a quiet week.
 */
export async function securityEvents(now: Date) {
  const today = beijingDayStart(now);
  const days = Array.from({ length: TREND_DAYS }, (_, i) => {
    const from = new Date(today.getTime() - (TREND_DAYS - 1 - i) * DAY_MS);
    return { day: beijingDay(from), from, to: new Date(from.getTime() + DAY_MS) };
  });
  const row = await db()
    .selectFrom("AuditLog")
    .select((eb) =>
      days.flatMap((d, i) => {
        const inDay = [eb("at", ">=", d.from), eb("at", "<", d.to)];
        return [
          eb.fn
            .countAll<number>()
            .filterWhere(eb.and([...inDay, eb("action", "=", "LOGIN_FAILURE")]))
            .as(`f${i}`),
          eb.fn
            .countAll<number>()
            .filterWhere(eb.and([...inDay, eb("action", "=", "ACCOUNT_LOCKED")]))
            .as(`l${i}`),
          eb.fn
            .countAll<number>()
            .filterWhere(eb.and([...inDay, eb("result", "=", "DENIED")]))
            .as(`d${i}`),
        ];
      }),
    )
    .where("at", ">=", days[0]!.from)
    .where("at", "<", days.at(-1)!.to)
    .executeTakeFirstOrThrow();
  const trend = days.map((d, i) => ({
    day: d.day,
    failedLogins: Number(row[`f${i}`] ?? 0),
    lockouts: Number(row[`l${i}`] ?? 0),
    denials: Number(row[`d${i}`] ?? 0),
  }));
  const sum = (k: SecurityKind) => trend.reduce((s, d) => s + d[k], 0);
  return {
    from: days[0]!.day,
    to: days.at(-1)!.day,
    trend,
    totals: {
      failedLogins: sum("failedLogins"),
      lockouts: sum("lockouts"),
      denials: sum("denials"),
    },
  };
}
