import { describe, expect, it } from "vitest";
import { unitIdOf } from "./overview-parts.server.ts";

describe("the org tree as read by the overview's parts", () => {
  it("a unit's id is the last id of its materialized path (the tree is read as paths only)", () => {
    expect(unitIdOf("/1/")).toBe(1);
    expect(unitIdOf("/1/12/40/")).toBe(40);
    expect(unitIdOf("/7/2170/")).toBe(2170);
  });
});
