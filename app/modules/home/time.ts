// Beijing calendar days (UTC+8, no daylight saving) for the home pages' counts and trends.
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;

/** The instant a Beijing calendar day begins, for the day holding `at`. */
export function beijingDayStart(at: Date): Date {
  return new Date(Math.floor((at.getTime() + OFFSET) / DAY) * DAY - OFFSET);
}

/** "YYYY-MM-DD" of the Beijing day holding `at`. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + OFFSET).toISOString().slice(0, 10);
}

/**
 * Whole Beijing calendar days from today to the day of `due` (0: due today, negative: overdue
 * by that many days).
 */
export function daysLeft(due: Date, now: Date): number {
  return Math.round((beijingDayStart(due).getTime() - beijingDayStart(now).getTime()) / DAY);
}

export const DAY_MS = DAY;
