import { describe, expect, it } from "vitest";
import { buildIcs, icsMeeting } from "./ics.ts";

describe("ICS for a confirmed booking", () => {
  // 09:00–10:00 Beijing time on 8 December 2026 = 01:00–02:00 UTC.
  const ics = buildIcs({
    uid: "booking-7@fzxt.local",
    start: new Date("2026-12-08T09:00:00+08:00"),
    end: new Date("2026-12-08T10:00:00+08:00"),
    summary: "合同审查：采购合同; 第2版, 终稿",
    description: "专家：李律师\n地点：线上",
  });
  const unfolded = ics.replace(/\r\n[ \t]/g, "");

  it("is a VCALENDAR with one confirmed VEVENT and CRLF line ends", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(unfolded).toContain("UID:booking-7@fzxt.local\r\n");
    expect(unfolded).toContain("STATUS:CONFIRMED\r\n");
  });

  it("states the booked Beijing time as the right UTC instant", () => {
    expect(unfolded).toContain("DTSTART:20261208T010000Z\r\n");
    expect(unfolded).toContain("DTEND:20261208T020000Z\r\n");
    expect(unfolded).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
  });

  it("escapes commas, semicolons and line breaks in text", () => {
    expect(unfolded).toContain("SUMMARY:合同审查：采购合同\\; 第2版\\, 终稿\r\n");
    expect(unfolded).toContain("DESCRIPTION:专家：李律师\\n地点：线上\r\n");
  });

  it("folds long lines (at 75 characters) so that unfolding restores the text", () => {
    const long = buildIcs({
      uid: "x@fzxt.local",
      start: new Date(0),
      end: new Date(3600_000),
      summary: "法".repeat(100),
      description: "",
    });
    for (const line of long.split("\r\n")) expect([...line].length).toBeLessThanOrEqual(75);
    expect(long.replace(/\r\n[ \t]/g, "")).toContain(`SUMMARY:${"法".repeat(100)}\r\n`);
  });
});

describe("ICS of an online consultation with a meeting link (decision 0021)", () => {
  const ics = buildIcs({
    uid: "booking-8@fzxt.local",
    start: new Date("2026-12-08T09:00:00+08:00"),
    end: new Date("2026-12-08T10:00:00+08:00"),
    summary: "法律咨询：劳动合同",
    ...icsMeeting(
      { meetingUrl: "https://meeting.example.cn/j/123", meetingDialIn: "010-12345678 转 8001" },
      "专家：李律师",
      "线上",
    ),
  });
  const unfolded = ics.replace(/\r\n[ \t]/g, "");

  it("carries the link as LOCATION and URL, and both in DESCRIPTION", () => {
    expect(unfolded).toContain("LOCATION:https://meeting.example.cn/j/123\r\n");
    expect(unfolded).toMatch(/URL(;VALUE=URI)?:https:\/\/meeting.example.cn\/j\/123\r\n/);
    expect(unfolded).toContain("会议链接：https://meeting.example.cn/j/123");
    expect(unfolded).toContain("拨入方式：010-12345678 转 8001");
  });
});
