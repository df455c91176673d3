// Issue 13: the request rate limits shared by every instance on one SQLite file (decision 0017).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";
import { rateLimitSuite } from "./rate-limit-suite.ts";

describe("the shared rate limit store on SQLite", () => {
  rateLimitSuite();

  it("a counter write skips the fsync but leaves the connection at synchronous = FULL for every other write", async () => {
    const synchronous = async () =>
      (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db())).rows[0]!.synchronous;
    expect(await synchronous()).toBe(2);
    const store = new DatabaseRateLimitStore("login:");
    await store.increment("10.0.0.7");
    expect(await synchronous()).toBe(2);
    // Also when the counter write fails.
    await expect(write(() => Promise.reject(new Error("boom")), { counter: true })).rejects.toThrow(
      "boom",
    );
    expect(await synchronous()).toBe(2);
  });
});
