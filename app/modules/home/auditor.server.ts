import { compiled } from "#app/data/compiled.server.ts";
import { db } from "#app/data/db.server.ts";
import { beijingDay, beijingDayStart, DAY_MS } from "./time.ts";

/** The security events the auditor's home counts. */
export const SECURITY_KINDS = ["failedLogins", "lockouts", "denials"] as const;
export type SecurityKind = (typeof SECURITY_KINDS)[number];
export const TREND_DAYS = 7;

/**
 * Rows with `column` = value counted per day between consecutive bounds (Beijing midnights).
 * The (action, at) and (result, at) indexes cover it: only the matching rows are read, never
 * the week's other audit rows (every booking, login and export writes one).
 */
const perDay = (column: "action" | "result") =>
  compiled((q, value: string, ...bounds: Date[]) =>
    q
      .selectFrom("AuditLog")
      .select((eb) =>
        bounds.slice(1).map((to, i) =>
          eb.fn
            .countAll<number>()
            .filterWhere(eb.and([eb("at", ">=", bounds[i]!), eb("at", "<", to)]))
            .as(`d${i}`),
        ),
      )
      .where(column, "=", value)
      .where("at", ">=", bounds[0]!)
      .where("at", "<", bounds.at(-1)!),
  );
const BY_ACTION = perDay("action");
const BY_RESULT = perDay("result");

/**
 * Failed logins, lockouts and denied requests per Beijing day over the last TREND_DAYS days
 * (today included): one statement per kind over its index, so the home reads only the
 * security events themselves.
 */
export async function securityEvents(now: Date) {
  const today = beijingDayStart(now);
  const bounds = Array.from(
    { length: TREND_DAYS + 1 },
    (_, i) => new Date(today.getTime() - (TREND_DAYS - 1 - i) * DAY_MS),
  );
  const q = db();
  const [failed, locked, denied] = await Promise.all([
    BY_ACTION.first(q, "LOGIN_FAILURE", ...bounds),
    BY_ACTION.first(q, "ACCOUNT_LOCKED", ...bounds),
    BY_RESULT.first(q, "DENIED", ...bounds),
  ]);
  const count = (row: Record<string, unknown> | undefined, i: number) =>
    Number(row?.[`d${i}`] ?? 0);
  const trend = bounds.slice(0, -1).map((from, i) => ({
    day: beijingDay(from),
    failedLogins: count(failed, i),
    lockouts: count(locked, i),
    denials: count(denied, i),
  }));
  const sum = (k: SecurityKind) => trend.reduce((s, d) => s + d[k], 0);
  return {
    from: trend[0]!.day,
    to: trend.at(-1)!.day,
    trend,
    totals: {
      failedLogins: sum("failedLogins"),
      lockouts: sum("lockouts"),
      denials: sum("denials"),
    },
  };
}
