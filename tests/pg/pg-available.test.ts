// Issue 13: where PostgreSQL is missing the suites say so loudly and how to install it; under
// CI (REQUIRE_PG=1, set by .ci/run) a skipped PostgreSQL suite is a failure.
import { afterEach, describe, expect, it, vi } from "vitest";
import { pgAvailable } from "../setup/pg-cluster.ts";

describe("PostgreSQL suites without PostgreSQL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("are skipped with a loud message naming apt-get install postgresql", () => {
    vi.stubEnv("REQUIRE_PG", "");
    vi.stubEnv("PG_TEST_URL", "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(pgAvailable(null)).toBe(false);
    expect(warn.mock.calls[0]![0]).toMatch(/SKIPPED.*apt-get install -y postgresql/);
  });

  it("fail when REQUIRE_PG=1", () => {
    vi.stubEnv("REQUIRE_PG", "1");
    vi.stubEnv("PG_TEST_URL", "");
    expect(() => pgAvailable(null)).toThrow(
      /REQUIRE_PG=1 but PostgreSQL binaries not found.*apt-get install -y postgresql/,
    );
  });
});
