// The assignments' read side on SQLite: the same figures as on PostgreSQL
// (tests/pg/overview-figures.test.ts), from one fixture (overview-figures-suite.ts).
import { describe, expect, it } from "vitest";
import { buildFixture, figures, FIGURES } from "./overview-figures-suite.ts";

describe("the overview's figures on SQLite", () => {
  it("the overview, the district rollup, the person list and the reminder count as on PostgreSQL", async () => {
    expect(await figures(await buildFixture())).toEqual(FIGURES);
  });
});
