import { describe, expect, it } from "vitest";
import { dayName, monthView } from "./calendar.ts";
import { computeSlots, type ExpertCalendar } from "./slots.ts";

// Monday 2026-12-07 08:00 Beijing.
const NOW = Date.parse("2026-12-07T08:00:00+08:00");
const policy = { leadHours: 24, horizonDays: 30 };
const cal = (over: Partial<ExpertCalendar> = {}): ExpertCalendar => ({
  rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 })),
  slotMinutes: 60,
  bufferMinutes: 0,
  dailyMax: 10,
  leaveDays: new Set(),
  busy: [],
  ...over,
});

describe("holidays in the free slots (decision 0021)", () => {
  const day = (days: ReturnType<typeof computeSlots>, d: string) => days.find((x) => x.day === d);

  it("a statutory holiday (HOLIDAY) has no slots", () => {
    const days = computeSlots(cal({ holidays: new Map([["2026-12-09", "HOLIDAY"]]) }), policy, NOW);
    expect(day(days, "2026-12-09")).toBeUndefined();
    expect(day(days, "2026-12-10")?.slots).toHaveLength(3);
  });

  it("a 调休 Saturday (WORKDAY) opens with the expert's Monday hours", () => {
    const monday = [{ weekday: 1, startMinute: 14 * 60, endMinute: 16 * 60 }];
    const without = computeSlots(cal({ rules: monday }), policy, NOW);
    expect(day(without, "2026-12-12")).toBeUndefined();
    const withWorkday = computeSlots(
      cal({ rules: monday, holidays: new Map([["2026-12-12", "WORKDAY"]]) }),
      policy,
      NOW,
    );
    const sat = day(withWorkday, "2026-12-12");
    expect(sat?.weekday).toBe(6);
    expect(sat?.slots.map((s) => new Date(s + 8 * 3600_000).toISOString().slice(11, 16))).toEqual([
      "14:00",
      "15:00",
    ]);
  });

  it("a leave day wins over a 调休 working day", () => {
    const days = computeSlots(
      cal({ leaveDays: new Set(["2026-12-12"]), holidays: new Map([["2026-12-12", "WORKDAY"]]) }),
      policy,
      NOW,
    );
    expect(day(days, "2026-12-12")).toBeUndefined();
  });
});

describe("month view of the booking step", () => {
  const days = computeSlots(cal(), policy, NOW);

  it("weeks run Monday to Sunday and count free slots per day", () => {
    const v = monthView(days, NOW, 30, {});
    expect(v.month).toBe("2026-12");
    expect(v.weeks[0]![0]).toBeNull(); // 1 December 2026 is a Tuesday
    expect(v.weeks[0]![1]).toMatchObject({ day: "2026-12-01", free: 0 });
    const tue8 = v.weeks.flat().find((c) => c?.day === "2026-12-08");
    expect(tue8?.free).toBe(3);
    expect(v.weeks.flat().find((c) => c?.day === "2026-12-12")?.free).toBe(0);
    expect(v.prev).toBeNull();
    expect(v.next).toBe("2027-01");
  });

  it("the chosen day carries its slots; a day without a slot is reported as empty", () => {
    expect(monthView(days, NOW, 30, { day: "2026-12-08" }).selected?.slots).toHaveLength(3);
    const sat = monthView(days, NOW, 30, { day: "2026-12-12" });
    expect(sat.selected).toBeNull();
    expect(sat.emptyDay).toBe("2026-12-12");
  });

  it("a month without free slots links to the next month that has some", () => {
    const onlyJanuary = days.filter((d) => d.day >= "2027-01-01");
    const v = monthView(onlyJanuary, NOW, 30, {});
    expect(v.month).toBe("2027-01"); // the first month with a slot by default
    const dec = monthView(onlyJanuary, NOW, 30, { month: "2026-12" });
    expect(dec.freeDays).toBe(0);
    expect(dec.nextWithSlots).toBe("2027-01");
  });

  it("names days as a screen reader reads them", () => {
    expect(dayName("2026-12-08")).toBe("12月8日 星期二");
    expect(dayName("2027-01-10")).toBe("1月10日 星期日");
  });
});
