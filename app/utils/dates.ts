// Everything shown to users is in Asia/Shanghai (UTC+8, no daylight saving).
export const TIME_ZONE = "Asia/Shanghai";

const dateTimeFormat = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

// Beijing has kept UTC+8 all year since 1992 (no daylight saving), so from then on the wall
// time is the UTC fields of the instant plus eight hours: a page lists many times, and
// formatToParts costs far more than this arithmetic (issue 14). Earlier or far-off instants and
// invalid values go through Intl, as before.
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const FIXED_OFFSET_UNTIL = Date.UTC(9999, 0, 1);
const EIGHT_HOURS = 8 * 3600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-26 21:38:59" in Beijing time. */
export function formatDateTime(value: Date | string | number): string {
  const date = new Date(value);
  const t = date.getTime();
  if (t >= FIXED_OFFSET_FROM && t < FIXED_OFFSET_UNTIL) {
    const w = new Date(t + EIGHT_HOURS);
    return `${w.getUTCFullYear()}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())} ${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())}:${pad2(w.getUTCSeconds())}`;
  }
  const parts = Object.fromEntries(
    dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** With the zone, for records such as the audit log: "2026-11-26 21:38:59 +08:00". */
export function formatDateTimeWithZone(value: Date | string | number): string {
  return `${formatDateTime(value)} +08:00`;
}

/** Start of a calendar day in Beijing time, from "YYYY-MM-DD". */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** "2026-12-24" → "12 月 24 日" (a Beijing calendar day as users read it); "" stays "". */
export function chineseDay(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[1])} 月 ${Number(m[2])} 日` : day;
}
