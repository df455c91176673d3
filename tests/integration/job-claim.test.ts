// Issue 13: scheduled jobs claimed once across processes on one SQLite file (decision 0017).
import { describe } from "vitest";
import { jobClaimSuite } from "./job-claim-suite.ts";

describe("job claims on SQLite", () => {
  jobClaimSuite();
});
