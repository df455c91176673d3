import { db } from "#app/data/db.server.ts";
import { beijingDay } from "#app/data/portable.server.ts";
import { beijingDay as dayOf } from "#app/modules/home/time.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";

const DAY_MS = 86_400_000;
export const DEFAULT_SUMMARY_DAYS = 30;
export const MAX_SUMMARY_DAYS = 366;

export type SecurityDay = { day: string; failedLogins: number; lockouts: number; denials: number };

/** The days of a range, both ends included ("YYYY-MM-DD", Beijing). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = shanghaiDayStart(from).getTime(); t <= shanghaiDayStart(to).getTime(); t += DAY_MS)
    days.push(dayOf(new Date(t)));
  return days;
}

/** The default range: the last 30 Beijing days, today included. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  return {
    from: dayOf(new Date(now.getTime() - (DEFAULT_SUMMARY_DAYS - 1) * DAY_MS)),
    to: dayOf(now),
  };
}

/**
 * Failed logins, lockouts and denied requests per Beijing day of a range: one grouped
 * statement over the `at` index (however many events an attack wrote), every day of the range
 * in the answer, quiet days as zeros.
 */
export async function securitySummary(from: string, to: string) {
  const grouped = await db()
    .selectFrom("AuditLog")
    .select((eb) => [
      beijingDay("at").as("day"),
      eb.fn.countAll<number>().filterWhere("action", "=", "LOGIN_FAILURE").as("failedLogins"),
      eb.fn.countAll<number>().filterWhere("action", "=", "ACCOUNT_LOCKED").as("lockouts"),
      eb.fn.countAll<number>().filterWhere("result", "=", "DENIED").as("denials"),
    ])
    .where("at", ">=", shanghaiDayStart(from))
    .where("at", "<", new Date(shanghaiDayStart(to).getTime() + DAY_MS))
    .where((eb) =>
      eb.or([eb("action", "in", ["LOGIN_FAILURE", "ACCOUNT_LOCKED"]), eb("result", "=", "DENIED")]),
    )
    .groupBy(beijingDay("at"))
    .execute();
  const byDay = new Map(grouped.map((g) => [g.day, g]));
  const days: SecurityDay[] = daysBetween(from, to).map((day) => {
    const g = byDay.get(day);
    return {
      day,
      failedLogins: Number(g?.failedLogins ?? 0),
      lockouts: Number(g?.lockouts ?? 0),
      denials: Number(g?.denials ?? 0),
    };
  });
  const sum = (k: keyof Omit<SecurityDay, "day">) => days.reduce((s, d) => s + d[k], 0);
  return {
    from,
    to,
    days,
    totals: {
      failedLogins: sum("failedLogins"),
      lockouts: sum("lockouts"),
      denials: sum("denials"),
    },
  };
}

/** The range asked for, the default filling what is missing; a range over a year is refused. */
export function summaryRange(
  asked: { from: string; to: string },
  now = new Date(),
): { ok: true; from: string; to: string } | { ok: false; message: string } {
  const fallback = defaultRange(now);
  const from = asked.from || (asked.to && asked.to < fallback.from ? asked.to : fallback.from);
  const to = asked.to || (asked.from > fallback.to ? asked.from : fallback.to);
  if (from > to) return { ok: false, message: "结束日期不能早于开始日期" };
  if (daysBetween(from, to).length > MAX_SUMMARY_DAYS)
    return { ok: false, message: `一次最多汇总 ${MAX_SUMMARY_DAYS} 天，请缩小日期范围` };
  return { ok: true, from, to };
}
