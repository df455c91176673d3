// Issue 12: the assignment pair triggers, checkPairs and the coverage view agree on SQLite
// (the same scenario on PostgreSQL: tests/pg/coverage.test.ts).
import { describe } from "vitest";
import { coverageSuite } from "./coverage-suite.ts";

describe("who an assignment covers (AssignmentCoverage) on SQLite", () => {
  coverageSuite();
});
