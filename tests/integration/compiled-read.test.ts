import { describe, expect, it } from "vitest";
import { compiled } from "#app/data/compiled.server.ts";
import { closeDb, write } from "#app/data/db.server.ts";

const put = (key: string, value: string, at: Date) =>
  write((tx) => tx.insertInto("Setting").values({ key, value, updatedAt: at }).execute());

describe("compiled(…).read: a hot read compiled once, run with each call's arguments", () => {
  it("puts each argument wherever the query used it, keeps constants, and returns Dates", async () => {
    const at = new Date("2026-05-01T00:00:00.000Z");
    await put("cr-a", "1", at);
    await put("cr-b", "2", at);
    await put("cr-c", "3", at);
    const { read } = compiled((q, first: string, second: string) =>
      q
        .selectFrom("Setting")
        .select(["key", "value", "updatedAt"])
        .where((eb) => eb.or([eb("key", "=", first), eb("key", "=", second)]))
        .where("value", "!=", "3")
        .orderBy("key"),
    );
    expect((await read("cr-a", "cr-c")).map((r) => r.key)).toEqual(["cr-a"]);
    const both = await read("cr-b", "cr-a");
    expect(both.map((r) => r.key)).toEqual(["cr-a", "cr-b"]);
    expect(both[0]!.updatedAt).toEqual(at);
    expect(await read("cr-none", "cr-c")).toEqual([]);
  });

  it("compiles again on a new shared handle (after closeDb)", async () => {
    await put("cr-d", "4", new Date());
    const { read } = compiled((q, key: string) =>
      q.selectFrom("Setting").select("value").where("key", "=", key),
    );
    expect(await read("cr-d")).toEqual([{ value: "4" }]);
    await closeDb();
    expect(await read("cr-d")).toEqual([{ value: "4" }]);
  });
});
