import { describe, expect, it } from "vitest";
import { db, write } from "./db.server.ts";
import { compiled } from "./compiled.server.ts";
import { ensureDbReady } from "./ready.server.ts";

const byKey = compiled((q, key: string) =>
  q.selectFrom("Setting").select(["key", "value", "updatedAt"]).where("key", "=", key),
);
const setValue = compiled((q, key: string, value: string, at: Date) =>
  q.updateTable("Setting").set({ value, updatedAt: at }).where("key", "=", key),
);

describe("compiled queries", () => {
  it("runs a query compiled once with new arguments each time, rows in the one row shape", async () => {
    await ensureDbReady();
    const at = new Date("2026-03-01T00:00:00Z");
    await write(async (tx) => {
      for (const key of ["cq-a", "cq-b"])
        await tx.insertInto("Setting").values({ key, value: key, updatedAt: at }).execute();
    });
    expect(await byKey.rows(db(), "cq-a")).toEqual([{ key: "cq-a", value: "cq-a", updatedAt: at }]);
    expect(await byKey.read("cq-b")).toEqual([{ key: "cq-b", value: "cq-b", updatedAt: at }]);
    expect(await byKey.first(db(), "none")).toBeUndefined();
    const later = new Date("2026-04-01T00:00:00Z");
    expect(await write((tx) => setValue.changes(tx, "cq-b", "changed", later))).toBe(1n);
    expect(await write((tx) => setValue.changes(tx, "none", "x", later))).toBe(0n);
    expect(await byKey.first(db(), "cq-b")).toEqual({
      key: "cq-b",
      value: "changed",
      updatedAt: later,
    });
  });

  it("compiles a rest parameter once per list length: each length gets its own placeholders", async () => {
    const at = new Date("2026-03-02T00:00:00Z");
    await write(async (tx) => {
      for (const key of ["cl-1", "cl-2", "cl-3"])
        await tx.insertInto("Setting").values({ key, value: key, updatedAt: at }).execute();
    });
    const some = compiled((q, prefix: string, ...keys: string[]) =>
      q
        .selectFrom("Setting")
        .select("key")
        .where("key", "in", keys)
        .where("value", ">=", prefix)
        .orderBy("key"),
    );
    const keys = async (...k: string[]) => (await some.read("cl", ...k)).map((r) => r.key);
    expect(await keys("cl-1")).toEqual(["cl-1"]);
    expect(await keys("cl-3", "cl-1", "cl-x")).toEqual(["cl-1", "cl-3"]);
    expect(await keys("cl-2")).toEqual(["cl-2"]);
    expect(await keys("cl-2", "cl-3")).toEqual(["cl-2", "cl-3"]);
  });

  it("refuses an argument that does not end up as a value (it would be silently ignored)", async () => {
    const shaped = compiled((q, key: string, desc: boolean) =>
      q
        .selectFrom("Setting")
        .select("key")
        .where("key", "=", key)
        .orderBy("key", desc ? "desc" : "asc"),
    );
    await expect(shaped.read("x", true)).rejects.toThrow(/argument 2 is not a value/);
  });
});
