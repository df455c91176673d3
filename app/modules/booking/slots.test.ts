import { describe, expect, it } from "vitest";
import { beijingDay, beijingTime, computeSlots, isoWeekday, type ExpertCalendar } from "./slots.ts";

// Monday 2026-12-07 08:00 Beijing = 2026-12-07T00:00Z.
const at = (iso: string) => Date.parse(iso);
const MON_0800 = at("2026-12-07T08:00:00+08:00");
const policy = { leadHours: 24, horizonDays: 30 };
const cal = (over: Partial<ExpertCalendar> = {}): ExpertCalendar => ({
  rules: [{ weekday: 2, startMinute: 9 * 60, endMinute: 12 * 60 }],
  slotMinutes: 60,
  bufferMinutes: 0,
  dailyMax: 10,
  leaveDays: new Set(),
  busy: [],
  ...over,
});
const times = (days: ReturnType<typeof computeSlots>, day: string) =>
  days.find((d) => d.day === day)?.slots.map(beijingTime) ?? [];

describe("free slots (Asia/Shanghai)", () => {
  it("follow the weekly rule: Tuesdays 09:00–12:00 in 60-minute slots", () => {
    const days = computeSlots(cal(), policy, MON_0800);
    expect(days[0]!.day).toBe("2026-12-08");
    expect(times(days, "2026-12-08")).toEqual(["09:00", "10:00", "11:00"]);
    expect(days.every((d) => d.weekday === 2)).toBe(true);
  });

  it("30-minute slots with a 15-minute buffer step by 45 minutes and never run past the end", () => {
    expect(
      times(
        computeSlots(cal({ slotMinutes: 30, bufferMinutes: 15 }), policy, MON_0800),
        "2026-12-08",
      ),
    ).toEqual(["09:00", "09:45", "10:30", "11:15"]);
  });

  it("a buffer blocks time around an existing booking, also one off the grid", () => {
    const busy = [
      { startAt: at("2026-12-08T10:10:00+08:00"), endAt: at("2026-12-08T10:40:00+08:00") },
    ];
    // 60-minute slots, 15-minute buffer: 09:00 (ends 10:00, +15 > 10:10) and 10:15 (< 10:40 + 15) clash; 11:30 is clear.
    const rules = [{ weekday: 2, startMinute: 9 * 60, endMinute: 13 * 60 }];
    expect(
      times(computeSlots(cal({ bufferMinutes: 15, rules }), policy, MON_0800), "2026-12-08"),
    ).toEqual(["09:00", "10:15", "11:30"]);
    expect(
      times(computeSlots(cal({ bufferMinutes: 15, rules, busy }), policy, MON_0800), "2026-12-08"),
    ).toEqual(["11:30"]);
  });

  it("an existing booking removes its slot; without a buffer the neighbours stay", () => {
    const busy = [
      { startAt: at("2026-12-08T10:00:00+08:00"), endAt: at("2026-12-08T11:00:00+08:00") },
    ];
    expect(times(computeSlots(cal({ busy }), policy, MON_0800), "2026-12-08")).toEqual([
      "09:00",
      "11:00",
    ]);
  });

  it("leave days have no slots", () => {
    const days = computeSlots(cal({ leaveDays: new Set(["2026-12-08"]) }), policy, MON_0800);
    expect(days[0]!.day).toBe("2026-12-15");
  });

  it("a day that reached the expert's daily maximum has no slots", () => {
    const busy = [
      { startAt: at("2026-12-08T09:00:00+08:00"), endAt: at("2026-12-08T10:00:00+08:00") },
    ];
    expect(times(computeSlots(cal({ busy, dailyMax: 1 }), policy, MON_0800), "2026-12-08")).toEqual(
      [],
    );
    expect(times(computeSlots(cal({ busy, dailyMax: 2 }), policy, MON_0800), "2026-12-08")).toEqual(
      ["10:00", "11:00"],
    );
  });

  it("slots inside the lead time are left out", () => {
    // Monday 09:30: Tuesday 09:00 is 23.5 h away, 10:00 is 24.5 h away.
    expect(
      times(computeSlots(cal(), policy, at("2026-12-07T09:30:00+08:00")), "2026-12-08"),
    ).toEqual(["10:00", "11:00"]);
  });

  it("slots past the horizon are left out", () => {
    // 8 days from Monday 08:00 ends the next Tuesday 08:00, before its 09:00 slot.
    expect(
      computeSlots(cal(), { leadHours: 0, horizonDays: 8 }, MON_0800).map((d) => d.day),
    ).toEqual(["2026-12-08"]);
    const nine = computeSlots(cal(), { leadHours: 0, horizonDays: 9 }, MON_0800);
    expect(nine.map((d) => d.day)).toEqual(["2026-12-08", "2026-12-15"]);
    expect(times(nine, "2026-12-15")).toEqual(["09:00", "10:00", "11:00"]);
  });

  it("past slots are never offered, even with no lead time", () => {
    expect(
      times(
        computeSlots(cal(), { leadHours: 0, horizonDays: 30 }, at("2026-12-08T10:30:00+08:00")),
        "2026-12-08",
      ),
    ).toEqual(["11:00"]);
  });

  it("weekdays and days are Beijing days: a Tuesday 00:00–01:00 rule is Monday 16:00 UTC", () => {
    const days = computeSlots(
      cal({
        rules: [
          { weekday: 2, startMinute: 0, endMinute: 60 },
          { weekday: 1, startMinute: 23 * 60, endMinute: 24 * 60 },
        ],
      }),
      { leadHours: 0, horizonDays: 7 },
      MON_0800,
    );
    const slots = days.flatMap((d) => d.slots);
    expect(slots.slice(0, 2).map((s) => new Date(s).toISOString())).toEqual([
      "2026-12-07T15:00:00.000Z",
      "2026-12-07T16:00:00.000Z",
    ]);
    expect(slots.slice(0, 2).map(beijingDay)).toEqual(["2026-12-07", "2026-12-08"]);
  });
});

describe("slot computation cost", () => {
  it("computes 30 days of a busy calendar (24 slots a day, half booked) in well under 20 ms", () => {
    const rules = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startMinute: 8 * 60,
      endMinute: 20 * 60,
    }));
    const busy = [];
    for (let day = 1; day <= 30; day++)
      for (let s = 0; s < 24; s += 2) {
        const start = MON_0800 + day * 86_400_000 + s * 30 * 60_000;
        busy.push({ startAt: start, endAt: start + 30 * 60_000 });
      }
    const calendar = cal({ rules, slotMinutes: 30, dailyMax: 24, busy });
    computeSlots(calendar, policy, MON_0800); // warm-up
    const t0 = performance.now();
    const runs = 20;
    for (let i = 0; i < runs; i++) computeSlots(calendar, policy, MON_0800);
    expect((performance.now() - t0) / runs).toBeLessThan(20);
  });
});

describe("isoWeekday", () => {
  it("gives the ISO weekday (Monday 1 … Sunday 7) of every day from 1900 to 2100, as Date does", () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const day = new Date(ms).toISOString().slice(0, 10);
      expect(isoWeekday(day)).toBe(new Date(ms).getUTCDay() || 7);
    }
  });

  it("a slot day's weekday follows the Beijing calendar day (Monday 2026-12-07)", () => {
    const days = computeSlots(
      cal({
        rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startMinute: 540,
          endMinute: 600,
        })),
      }),
      policy,
      MON_0800,
    );
    for (const d of days) expect(d.weekday).toBe(isoWeekday(d.day));
    expect(days.find((d) => d.day === "2026-12-14")?.weekday).toBe(1);
  });
});
