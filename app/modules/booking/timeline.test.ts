import { describe, expect, it } from "vitest";
import { timeline } from "./timeline.ts";

const base = {
  status: "REQUESTED",
  createdAt: "2026-12-01T02:00:00Z",
  confirmedAt: null,
  startAt: "2026-12-10T02:00:00Z",
  closedAt: null,
  ratedAt: null,
  wishDate: null,
  promisedDate: null,
  cancelledBy: null,
};
const now = Date.parse("2026-12-05T00:00:00Z");
const labels = (s: ReturnType<typeof timeline>) => s.map((x) => `${x.label}:${x.state}`);

describe("booking status timeline (issue 18)", () => {
  it("shows an appointment's five steps with the current one marked", () => {
    expect(labels(timeline(base, now))).toEqual([
      "已提交:done",
      "已确认:current",
      "进行中:todo",
      "已出具意见:todo",
      "已评价:todo",
    ]);
    const confirmed = { ...base, status: "CONFIRMED", confirmedAt: "2026-12-02T01:00:00Z" };
    expect(labels(timeline(confirmed, Date.parse("2026-12-10T03:00:00Z")))[2]).toBe("进行中:done");
  });
  it("ends a cancelled, declined or no-show booking at its end", () => {
    expect(labels(timeline({ ...base, status: "DECLINED" }, now))).toEqual([
      "已提交:done",
      "已拒绝:ended",
    ]);
    expect(
      labels(
        timeline(
          {
            ...base,
            status: "CANCELLED",
            cancelledBy: "EXPERT",
            confirmedAt: "2026-12-02T01:00:00Z",
          },
          now,
        ),
      ),
    ).toEqual(["已提交:done", "已确认:done", "专家已取消:ended"]);
    expect(labels(timeline({ ...base, status: "NO_SHOW" }, now)).at(-1)).toBe("未到场:ended");
  });
  it("shows a contract review as submitted → accepted with the promise → opinion → rating", () => {
    const review = { ...base, wishDate: "2026-12-20" };
    expect(labels(timeline(review, now))).toEqual([
      "已提交:done",
      "已受理（期望 12 月 20 日前完成）:current",
      "已出具意见:todo",
      "已评价:todo",
    ]);
    const rated = {
      ...review,
      status: "COMPLETED",
      confirmedAt: "2026-12-02T01:00:00Z",
      promisedDate: "2026-12-18",
      closedAt: "2026-12-15T01:00:00Z",
      ratedAt: "2026-12-16T01:00:00Z",
    };
    expect(labels(timeline(rated, now))).toEqual([
      "已提交:done",
      "已受理（承诺 12 月 18 日前完成）:done",
      "已出具意见:done",
      "已评价:done",
    ]);
  });
});
