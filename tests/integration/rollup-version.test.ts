import { describe, expect, it } from "vitest";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import { db } from "#app/data/db.server.ts";

// Decision 0010: whatever a process keeps is checked against a RollupVersion row read in the
// request. Every id the code names must be a row the migrations seed, or nothing is ever kept.

describe("RollupVersion ids", () => {
  it("every id the code names is seeded by the migrations, and no seeded row is unnamed", async () => {
    for (const id of Object.values(ROLLUP))
      expect(await rollupVersion(id), `id ${id}`).not.toBeNull();
    const seeded = await db().selectFrom("RollupVersion").select("id").orderBy("id").execute();
    expect(seeded.map((r) => r.id)).toEqual(Object.values(ROLLUP).sort((a, b) => a - b));
  });

  it("reads null for an id no migration seeds (nothing may be kept under it)", async () => {
    expect(await rollupVersion(99 as never)).toBeNull();
  });
});
