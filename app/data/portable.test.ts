import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "./db.server.ts";
import { CONTAINS_CASES, joinedCodes, makeUnits } from "../../tests/pg/portable-cases.ts";
import { containsText, textPosition, valueList } from "./portable.server.ts";

describe("portable SQL helpers", () => {
  it("valueList passes 50,000 values as one parameter (more than SQLite's bound-parameter limit)", async () => {
    const values = Array.from({ length: 50_000 }, (_, i) => `v${i}`);
    const q = db()
      .selectFrom("OrgUnit")
      .select("id")
      .where("code", "in", valueList(values))
      .compile();
    expect(q.parameters).toHaveLength(1);
    const { rows } = await sql<{
      n: number;
    }>`SELECT COUNT(*) AS n FROM ${valueList(values)} t WHERE t.value >= 'v4'`.execute(db());
    expect(rows[0]?.n).toBe(values.filter((v) => v >= "v4").length);
  });

  it("valueList takes integers, and an empty list matches nothing; a non-integer is refused", async () => {
    const ids = await makeUnits(["vl-1", "vl-2"]);
    const found = (list: number[]) =>
      db()
        .selectFrom("OrgUnit")
        .select("id")
        .where("id", "in", valueList(list, "int"))
        .orderBy("id")
        .execute();
    expect((await found([...ids, 999_999])).map((r) => r.id)).toEqual(ids);
    expect(await found([])).toEqual([]);
    expect(
      await db().selectFrom("OrgUnit").select("id").where("code", "in", valueList([])).execute(),
    ).toEqual([]);
    expect(() => valueList([1.5], "int")).toThrow(TypeError);
    expect(() => valueList(["1"], "int")).toThrow(TypeError);
  });

  it("containsText takes % _ and \\ in the search text literally, and ASCII without case", async () => {
    const match = async (text: string, value: string) => {
      const { rows } = await sql<{
        hit: number;
      }>`SELECT ${containsText("t.v", text)} AS hit FROM (SELECT ${value} AS v) t`.execute(db());
      return rows[0]?.hit === 1;
    };
    for (const [text, value, contains] of CONTAINS_CASES)
      expect([text, value, await match(text, value)]).toEqual([text, value, contains]);
  });

  it("textPosition finds the needle literally and with case (instr/strpos), 0 when absent", async () => {
    const pos = async (value: string, needle: string) => {
      const { rows } = await sql<{
        p: number;
      }>`SELECT ${textPosition("t.v", needle)} AS p FROM (SELECT ${value} AS v) t`.execute(db());
      return rows[0]?.p;
    };
    expect(await pos("鞍山市数据局", "数据")).toBe(4);
    expect(await pos("abc", "ABC")).toBe(0);
    expect(await pos("abc", "a_c")).toBe(0);
    expect(await pos("x%y", "%")).toBe(2);
    expect(await pos("abc", "zz")).toBe(0);
    const inner = sql<string>`substr(${"a/b/c"}, 3)`;
    const { rows } = await sql<{ p: number }>`SELECT ${textPosition(inner, "/")} AS p`.execute(
      db(),
    );
    expect(rows[0]?.p).toBe(2);
  });
  it("joinedText joins every value of a column into one string (group_concat/string_agg), null for no rows", async () => {
    await makeUnits(["jt-b", "jt-a", "jt-c"]);
    expect(await joinedCodes("jt-")).toEqual(["jt-a", "jt-b", "jt-c"]);
    expect(await joinedCodes("none-")).toBeNull();
  });
});
