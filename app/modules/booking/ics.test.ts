import { describe, expect, it } from "vitest";
import { buildIcs, foldLine } from "./ics.ts";

describe("ICS for a confirmed booking", () => {
  const ics = buildIcs({
    uid: "booking-7@fzxt.local",
    start: new Date("2026-12-08T01:00:00Z"),
    end: new Date("2026-12-08T02:00:00Z"),
    stamp: new Date("2026-12-01T12:34:56Z"),
    summary: "合同审查：采购合同; 第2版, 终稿",
    description: "专家：李律师\n地点：线上",
  });

  it("is a VCALENDAR with CRLF line ends", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("states Beijing wall-clock times with TZID=Asia/Shanghai and its VTIMEZONE (UTC+8)", () => {
    expect(ics).toContain("DTSTART;TZID=Asia/Shanghai:20261208T090000\r\n");
    expect(ics).toContain("DTEND;TZID=Asia/Shanghai:20261208T100000\r\n");
    expect(ics).toContain("TZID:Asia/Shanghai\r\n");
    expect(ics).toContain("TZOFFSETTO:+0800\r\n");
    expect(ics).toContain("DTSTAMP:20261201T123456Z\r\n");
    expect(ics).toContain("UID:booking-7@fzxt.local\r\n");
  });

  it("escapes commas, semicolons and line breaks in text", () => {
    expect(ics).toContain("SUMMARY:合同审查：采购合同\\; 第2版\\, 终稿\r\n");
    expect(ics).toContain("DESCRIPTION:专家：李律师\\n地点：线上\r\n");
  });

  it("folds lines longer than 75 octets without splitting a character", () => {
    const folded = foldLine(`DESCRIPTION:${"法".repeat(60)}`);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(" "))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join("")).toBe(`DESCRIPTION:${"法".repeat(60)}`);
  });
});
