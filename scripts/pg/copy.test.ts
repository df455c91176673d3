// The conversions and the table order db:copy-to-pg relies on.
import { describe, expect, it } from "vitest";
import { foreignKeyOrder, pgTimestamp } from "./copy.ts";

describe("db:copy-to-pg helpers", () => {
  it("read every SQLite time storage as the same UTC instant", () => {
    const instant = "2026-11-30 02:00:00.123";
    expect(pgTimestamp(Date.parse("2026-11-30T02:00:00.123Z"))).toBe(instant);
    expect(pgTimestamp(String(Date.parse("2026-11-30T02:00:00.123Z")))).toBe(instant);
    expect(pgTimestamp("2026-11-30 02:00:00.123")).toBe(instant);
    expect(pgTimestamp("2026-11-30T10:00:00.123+08:00")).toBe(instant);
    expect(pgTimestamp(null)).toBeNull();
    expect(() => pgTimestamp("yesterday")).toThrow(/not a time/);
  });

  it("order tables after the tables their foreign keys point to, and refuse a cycle", () => {
    const tables = new Map([
      ["Booking", { parents: new Set(["Enterprise", "ExpertProfile"]) }],
      ["Enterprise", { parents: new Set(["User"]) }],
      ["ExpertProfile", { parents: new Set(["User"]) }],
      ["User", { parents: new Set(["OrgUnit"]) }],
      ["OrgUnit", { parents: new Set<string>() }],
    ]);
    const order = foreignKeyOrder(tables);
    for (const [name, { parents }] of tables)
      for (const parent of parents) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(name));
    tables.get("OrgUnit")!.parents.add("Booking");
    expect(() => foreignKeyOrder(tables)).toThrow(/cycle/);
  });
});
