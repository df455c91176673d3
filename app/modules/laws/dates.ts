// Dates of the statute library: ISO strings (YYYY-MM-DD) compared as strings,
// "today" taken in Beijing time whatever the server's zone.

const SHANGHAI = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return SHANGHAI.format(now);
}

/** 2024-07-01 → 2024年7月1日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The first 2018年10月26日 in a revision line → 2018-10-26 (null when there is none). */
export function isoFromChinese(text: string): string | null {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}
