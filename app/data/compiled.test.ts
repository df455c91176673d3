import { describe, expect, it } from "vitest";
import { db, write } from "./db.server.ts";
import { compiled } from "./compiled.server.ts";
import { ensureDbReady } from "#app/utils/db.server.ts";

const byKey = compiled(1, (q, key: string) =>
  q.selectFrom("Setting").select(["key", "value", "updatedAt"]).where("key", "=", key),
);
const setValue = compiled(3, (q, key: string, value: string, at: Date) =>
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
    expect(await byKey.rows(db(), "cq-b")).toEqual([{ key: "cq-b", value: "cq-b", updatedAt: at }]);
    expect(await byKey.rows(db(), "none")).toEqual([]);
    const later = new Date("2026-04-01T00:00:00Z");
    expect(await write((tx) => setValue.changes(tx, "cq-b", "changed", later))).toBe(1n);
    expect(await write((tx) => setValue.changes(tx, "none", "x", later))).toBe(0n);
    expect(await byKey.rows(db(), "cq-b")).toEqual([
      { key: "cq-b", value: "changed", updatedAt: later },
    ]);
  });
});
