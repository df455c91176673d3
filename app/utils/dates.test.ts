import { describe, expect, it } from "vitest";
import { formatDateTime } from "./dates.ts";

// formatDateTime computes Beijing wall time by arithmetic from 1992 on (issue 14); it must give
// what Intl gives for Asia/Shanghai, including midnight, month ends and leap days.
const intl = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});
function viaIntl(d: Date): string {
  const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe("formatDateTime (Beijing time)", () => {
  it("gives what Intl gives for Asia/Shanghai at fixed and pseudo-random instants from 1992 to 2100", () => {
    const fixed = [
      "1992-01-01T00:00:00Z",
      "2024-02-28T16:00:00Z", // 2024-02-29 00:00 Beijing
      "2026-12-31T15:59:59.999Z",
      "2026-12-31T16:00:00Z",
      "2026-11-26T13:38:59Z",
    ].map((s) => new Date(s));
    let seed = 42;
    const random = Array.from({ length: 2000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return new Date(
        Date.UTC(1992, 0, 1) + (seed / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1992, 0, 1)),
      );
    });
    for (const d of [...fixed, ...random])
      expect(formatDateTime(d), d.toISOString()).toBe(viaIntl(d));
    expect(formatDateTime("2026-11-26T13:38:59Z")).toBe("2026-11-26 21:38:59");
    expect(formatDateTime(Date.UTC(2026, 0, 1, 16))).toBe("2026-01-02 00:00:00");
  });

  it("goes through Intl before 1992, when China still had daylight saving", () => {
    const summer1988 = new Date("1988-07-01T00:00:00Z");
    expect(formatDateTime(summer1988)).toBe(viaIntl(summer1988));
  });

  it("refuses an invalid date as Intl does", () => {
    expect(() => formatDateTime("not a date")).toThrow(RangeError);
  });
});
