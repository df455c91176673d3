import { z } from "zod";
import { calendarDate } from "#app/utils/input.ts";
import { beijingDay, isoWeekday, type DaySlots } from "./slots.ts";

// The month view of the booking step (date, then time): which Beijing days of a month have
// free slots, and the chosen day's slots. Pure, so the page, the expert's "propose a time"
// page and the tests share it; the page sends only counts per day plus one day's slots.
export type CalendarCell = { day: string; date: number; weekday: number; free: number } | null;
export type MonthView = {
  month: string;
  /** Weeks Monday to Sunday; null pads the first and last week. */
  weeks: CalendarCell[][];
  prev: string | null;
  next: string | null;
  /** The first month after this one with a free slot, when this one has none. */
  nextWithSlots: string | null;
  freeDays: number;
  selected: { day: string; weekday: number; slots: number[] } | null;
  /** The chosen day, when it has no free slot (said so on the page). */
  emptyDay: string | null;
};

export const MONTH_RE = /^(20\d{2})-(0[1-9]|1[0-2])$/;
const monthOf = (day: string) => day.slice(0, 7);

function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

function daysIn(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * `days` are the free slots from now to the horizon (computeSlots). The month shown is the one
 * asked for, else the chosen day's, else the first month with a free slot, else this month;
 * navigation runs from this month to the horizon's.
 */
export function monthView(
  days: DaySlots[],
  now: number,
  horizonDays: number,
  ask: { month?: string; day?: string },
): MonthView {
  const first = monthOf(beijingDay(now));
  const last = monthOf(beijingDay(now + horizonDays * 86_400_000));
  const byDay = new Map(days.map((d) => [d.day, d]));
  const month = ask.month ?? (ask.day ? monthOf(ask.day) : monthOf(days[0]?.day ?? "") || first);
  const count = daysIn(month);
  const cells: CalendarCell[] = [];
  const pad = isoWeekday(`${month}-01`) - 1;
  for (let i = 0; i < pad; i++) cells.push(null);
  let freeDays = 0;
  for (let date = 1; date <= count; date++) {
    const day = `${month}-${String(date).padStart(2, "0")}`;
    const free = byDay.get(day)?.slots.length ?? 0;
    if (free > 0) freeDays++;
    cells.push({ day, date, weekday: isoWeekday(day), free });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: CalendarCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const later = days.find((d) => monthOf(d.day) > month);
  const chosen = ask.day && monthOf(ask.day) === month ? ask.day : null;
  const hit = chosen ? byDay.get(chosen) : undefined;
  return {
    month,
    weeks,
    prev: month > first ? addMonths(month, -1) : null,
    next: month < last ? addMonths(month, 1) : null,
    nextWithSlots: freeDays === 0 && later ? monthOf(later.day) : null,
    freeDays,
    selected: hit ? { day: hit.day, weekday: hit.weekday, slots: hit.slots } : null,
    emptyDay: chosen && !hit ? chosen : null,
  };
}

const WEEKDAY_NAMES = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
export const weekdayName = (weekday: number) => WEEKDAY_NAMES[weekday] ?? "";

/** "12月8日 星期二" */
export function dayName(day: string): string {
  // Sliced rather than split: called for every day of the month table.
  return `${+day.slice(5, 7)}月${+day.slice(8, 10)}日 ${weekdayName(isoWeekday(day))}`;
}

/** "2026年12月" */
export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${y}年${m}月`;
}

/** ?month=YYYY-MM&day=YYYY-MM-DD of a calendar page (both optional). */
export const MonthQuerySchema = z.object({
  month: z.string().regex(MONTH_RE, "月份格式应为 YYYY-MM").optional(),
  day: calendarDate("日期").optional(),
});
