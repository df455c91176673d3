import { describe, expect, it } from "vitest";
import { childPath, isInSubtree, pathIds, subtreeUpperBound } from "./org-path.ts";

describe("materialized org paths", () => {
  it("puts every descendant path inside [path, upperBound) and no other", () => {
    const root = "/1/7/";
    const upper = subtreeUpperBound(root);
    const inside = ["/1/7/", "/1/7/12/", "/1/7/999/3/"];
    const outside = ["/1/70/", "/1/8/", "/1/", "/2/7/", "/1/7"];
    for (const p of inside) expect(p >= root && p < upper).toBe(true);
    for (const p of outside) expect(p >= root && p < upper).toBe(false);
  });

  it("does not treat unit 70 as inside unit 7", () => {
    expect(isInSubtree("/1/70/", "/1/7/")).toBe(false);
    expect(isInSubtree("/1/7/70/", "/1/7/")).toBe(true);
  });

  it("builds child paths and reads ids back", () => {
    expect(childPath("/1/7/", 12)).toBe("/1/7/12/");
    expect(pathIds("/1/7/12/")).toEqual([1, 7, 12]);
  });
});
