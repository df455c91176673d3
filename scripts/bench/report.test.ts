import { describe, expect, it } from "vitest";
import { issue14Misses, type Row } from "./report.ts";

// The bench's summary line for issue 14 judges only the issue's goals (vs the reference, p99 at
// 4 connections), not the older goals against /about a row may also carry.
const row = (name: string, over: Partial<Row>): Row => ({
  name,
  reference: false,
  path: "/",
  method: "GET",
  role: null,
  connections: 32,
  requestsPerSec: 1,
  p50Ms: 1,
  p99Ms: 1,
  total: 1,
  expectedStatus: "2xx",
  expected: 1,
  non2xx: 0,
  errorResponses: 0,
  statusCodes: {},
  errors: 0,
  timeouts: 0,
  ratioToAbout: 0.1,
  ratioToRef: null,
  p99At4Ms: null,
  goal: null,
  goalMet: null,
  goalNote: null,
  flag: null,
  measured: null,
  outcome: null,
  ...over,
});

describe("issue 14's goals in the bench summary", () => {
  it("count a row that meets the reference ratio and p99@4 although it misses an older /about goal", () => {
    const goal = { minRatio: 0.5, maxP99Ms: 50, minRefRatio: 0.35, maxP99At4Ms: 50 };
    const rows = [
      row("meets", { goal, ratioToRef: 0.36, p99At4Ms: 12 }),
      row("below ref", { goal, ratioToRef: 0.34, p99At4Ms: 12 }),
      row("slow at 4", { goal: { maxP99At4Ms: 50 }, p99At4Ms: 50 }),
      row("no p99@4 run", { goal: { maxP99At4Ms: 50 } }),
      row("older goal only", { goal: { minRatio: 0.3, maxP99Ms: 100 } }),
      row("no goal", {}),
    ];
    expect(issue14Misses(rows)).toEqual({
      carried: 4,
      missed: ["below ref", "slow at 4", "no p99@4 run"],
    });
  });
});
