// Bookable slots, computed in Beijing time. Asia/Shanghai has been UTC+8 all
// year since 1991 (no daylight saving), so a fixed offset is exact here.
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE = 60_000;

export type WeeklyRule = { weekday: number; startMinute: number; endMinute: number };
export type Busy = { startAt: number; endAt: number };
export type SlotPolicy = { leadHours: number; horizonDays: number };
export type ExpertCalendar = {
  rules: WeeklyRule[];
  slotMinutes: number;
  bufferMinutes: number;
  dailyMax: number;
  leaveDays: ReadonlySet<string>;
  /**
   * The holiday calendar (ADMIN, table Holiday): HOLIDAY days have no slots; a WORKDAY (调休
   * working day, often a Saturday or Sunday) opens with the expert's Monday hours (decision 0021).
   */
  holidays?: ReadonlyMap<string, HolidayKind>;
  /** Bookings holding time (any expert-side state but declined or cancelled). */
  busy: Busy[];
};
export type HolidayKind = "HOLIDAY" | "WORKDAY";
/** The ISO weekday whose hours a 调休 working day uses (decision 0021). */
export const WORKDAY_HOURS_OF = 1;
export type DaySlots = { day: string; weekday: number; slots: number[] };

/** "YYYY-MM-DD" of the Beijing calendar day containing `ms`. */
export function beijingDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 Beijing time on `day`. */
export function beijingDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
}

/** ISO weekday of the `n`th day since 1970-01-01 (a Thursday), without a date string. */
const weekdayOfDayNumber = (n: number) => ((((n + 3) % 7) + 7) % 7) + 1;

/** ISO weekday (1 = Monday … 7 = Sunday) of a Beijing calendar day. */
export function isoWeekday(day: string): number {
  const n = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS;
  return weekdayOfDayNumber(n);
}

/** "HH:MM" of `ms` in Beijing time. */
export function beijingTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(11, 16);
}

/**
 * A slot [s, e) is free when no busy booking comes within the buffer of it on
 * either side: buffers block real time, also around bookings made under
 * another slot length. `busy` is sorted by start and `longest` is its longest
 * booking, so a binary search skips every booking that ends too early.
 */
function clashes(s: number, e: number, buffer: number, busy: Busy[], longest: number): boolean {
  const from = s - buffer - longest;
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (busy[mid]!.startAt <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < busy.length && busy[i]!.startAt < e + buffer; i++)
    if (s < busy[i]!.endAt + buffer) return true;
  return false;
}

/**
 * The free slots from `now` to the horizon, day by day (Beijing days): the weekly rules
 * step by slot length plus buffer; leave days, statutory holidays, full days (daily maximum), slots
 * before the lead time or past the horizon and slots near a booking are left out.
 * `onlyDay` limits the work to one day (the booking check).
 */
export function computeSlots(
  cal: ExpertCalendar,
  policy: SlotPolicy,
  now: number,
  onlyDay?: string,
): DaySlots[] {
  const earliest = now + policy.leadHours * 3600_000;
  const latest = now + policy.horizonDays * DAY_MS;
  const slotMs = cal.slotMinutes * MINUTE;
  const bufferMs = cal.bufferMinutes * MINUTE;
  const step = cal.slotMinutes + cal.bufferMinutes;
  const busy = cal.busy
    .filter((b) => b.endAt + bufferMs > earliest)
    .sort((a, b) => a.startAt - b.startAt);
  const longest = busy.reduce((m, b) => Math.max(m, b.endAt - b.startAt), 0);
  // Bookings per Beijing day, keyed by the day's number (no date string per booking: a busy
  // expert has hundreds).
  const dayNo = (ms: number) => Math.floor((ms + OFFSET_MS) / DAY_MS);
  const perDay = new Map<number, number>();
  for (const b of busy) perDay.set(dayNo(b.startAt), (perDay.get(dayNo(b.startAt)) ?? 0) + 1);
  const out: DaySlots[] = [];
  const first = onlyDay ? beijingDayStart(onlyDay) : beijingDayStart(beijingDay(now));
  const last = onlyDay ? first : latest;
  for (let dayStart = first; dayStart <= last; dayStart += DAY_MS) {
    const day = beijingDay(dayStart);
    const weekday = weekdayOfDayNumber(dayNo(dayStart));
    if (cal.leaveDays.has(day)) continue;
    const holiday = cal.holidays?.get(day);
    if (holiday === "HOLIDAY") continue;
    const hoursOf = holiday === "WORKDAY" ? WORKDAY_HOURS_OF : weekday;
    if ((perDay.get(dayNo(dayStart)) ?? 0) >= cal.dailyMax) continue;
    const slots: number[] = [];
    for (const rule of cal.rules) {
      if (rule.weekday !== hoursOf) continue;
      for (let m = rule.startMinute; m + cal.slotMinutes <= rule.endMinute; m += step) {
        const s = dayStart + m * MINUTE;
        if (s < earliest || s > latest) continue;
        if (!clashes(s, s + slotMs, bufferMs, busy, longest)) slots.push(s);
      }
    }
    if (slots.length > 0)
      out.push({ day, weekday, slots: [...new Set(slots)].sort((a, b) => a - b) });
  }
  return out;
}

export function isFreeSlot(
  cal: ExpertCalendar,
  policy: SlotPolicy,
  now: number,
  start: number,
): boolean {
  return computeSlots(cal, policy, now, beijingDay(start)).some((d) => d.slots.includes(start));
}
