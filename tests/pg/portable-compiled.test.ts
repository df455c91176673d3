// app/data's dialect-dependent helpers on PostgreSQL, beside SQLite in one process:
// valueList and containsText give the SQLite answers (app/data/portable.test.ts), and a query
// compiled on SQLite is compiled again for PostgreSQL after DATABASE_URL switches (never run
// with the other dialect's text).
import { Kysely, PostgresDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { compiled } from "#app/data/compiled.server.ts";
import { db, dialectName, write, type DB } from "#app/data/db.server.ts";
import { openPgPool } from "#app/data/postgres.server.ts";
import { containsText, valueList } from "#app/data/portable.server.ts";
import { pgAvailable } from "../setup/pg-cluster.ts";
import { movesToPostgres } from "./on-postgres.ts";
import { CONTAINS_CASES, joinedCodes, makeUnits } from "./portable-cases.ts";

const at = new Date("2026-06-01T00:00:00.000Z");
const settingsIn = compiled((q, ...keys: string[]) =>
  q.selectFrom("Setting").select(["key", "updatedAt"]).where("key", "in", keys).orderBy("key"),
);
const putSetting = compiled((q, key: string, value: string, updatedAt: Date) =>
  q.insertInto("Setting").values({ key, value, updatedAt }),
);

describe.skipIf(!pgAvailable())("valueList, containsText and compiled() on PostgreSQL", () => {
  movesToPostgres(3432, "portable2", async () => {
    // First on the test's SQLite database: the compiled texts are SQLite's (`?`, backticks…).
    expect(dialectName()).toBe("sqlite");
    await write((tx) => putSetting.changes(tx, "pc-a", "1", at));
    expect(await settingsIn.read("pc-a", "pc-z")).toEqual([{ key: "pc-a", updatedAt: at }]);
  });

  it("compiled(): the same runners, compiled again for PostgreSQL's placeholders", async () => {
    expect(dialectName()).toBe("postgres");
    await write((tx) => putSetting.changes(tx, "pc-b", "2", at));
    await write((tx) => putSetting.changes(tx, "pc-c", "3", at));
    expect(await settingsIn.read("pc-b", "pc-a")).toEqual([{ key: "pc-b", updatedAt: at }]);
    expect((await settingsIn.rows(db(), "pc-c", "pc-b", "pc-x")).map((r) => r.key)).toEqual([
      "pc-b",
      "pc-c",
    ]);
  });

  it("compiled(): a compiled text is kept prepared on the connection (parsed and planned once), a built query's is not", async () => {
    const kept = await write(async (tx) => {
      await settingsIn.rows(tx, "pc-b", "pc-c");
      await settingsIn.rows(tx, "pc-c", "pc-b");
      await tx.selectFrom("Setting").select("key").where("key", "=", "pc-b").execute();
      const { rows } = await sql<{
        name: string;
        statement: string;
      }>`SELECT name, statement FROM pg_prepared_statements`.execute(tx);
      return rows;
    });
    const texts = kept.map((r) => r.statement);
    expect(texts.filter((t) => t.includes('"key" in ($1, $2)'))).toHaveLength(1);
    expect(kept.find((r) => r.statement.includes('"key" in ($1, $2)'))?.name).toMatch(/^fzxt_\d+$/);
    expect(texts.some((t) => t.includes('where "key" = $1'))).toBe(false);
  });

  it("compiled(): with DATABASE_PREPARED=false (a pooler in transaction mode) nothing is kept prepared", async () => {
    const handle = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: openPgPool(process.env.DATABASE_URL!, 1, false) }),
    });
    try {
      const kept = await handle.connection().execute(async (c) => {
        expect((await settingsIn.rows(c, "pc-b", "pc-c")).map((r) => r.key)).toEqual([
          "pc-b",
          "pc-c",
        ]);
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(c);
        return rows[0]?.n;
      });
      expect(kept).toBe(0);
    } finally {
      await handle.destroy();
    }
  });

  it("valueList: integers and text as one typed array parameter, an empty list, 70,000 values", async () => {
    const ids = await makeUnits(["vl-1", "vl-2", "vl-3"]);
    const byId = (list: number[]) =>
      db()
        .selectFrom("OrgUnit")
        .select("code")
        .where("id", "in", valueList(list, "int"))
        .orderBy("code")
        .execute();
    expect((await byId([ids[2]!, ids[0]!, 999_999])).map((r) => r.code)).toEqual(["vl-1", "vl-3"]);
    expect(await byId([])).toEqual([]);
    const byCode = (list: string[]) =>
      db().selectFrom("OrgUnit").select("id").where("code", "in", valueList(list)).execute();
    expect((await byCode(["vl-2", "nope"])).map((r) => r.id)).toEqual([ids[1]]);
    expect(await byCode([])).toEqual([]);
    // Beyond PostgreSQL's 65,535 bound parameters as IN (…): still one parameter.
    const many = Array.from({ length: 70_000 }, (_, i) => `vl-${i}`);
    const q = db()
      .selectFrom("OrgUnit")
      .select("id")
      .where("code", "in", valueList(many))
      .compile();
    expect(q.parameters).toHaveLength(1);
    expect(
      await db()
        .executeQuery(q)
        .then((r) => r.rows.length),
    ).toBe(3);
    expect(() => valueList([1.5], "int")).toThrow(TypeError);
  });

  it("containsText: % _ and \\ literal, ASCII letters without case (ILIKE), as on SQLite", async () => {
    const match = async (text: string, value: string) => {
      const { rows } = await sql<{
        hit: boolean;
      }>`SELECT ${containsText("t.v", text)} AS hit FROM (SELECT ${value}::text AS v) t`.execute(
        db(),
      );
      return rows[0]?.hit === true;
    };
    for (const [text, value, contains] of CONTAINS_CASES)
      expect([text, value, await match(text, value)]).toEqual([text, value, contains]);
  });
  it("joinedText joins every value of a column into one string (group_concat/string_agg), null for no rows", async () => {
    await makeUnits(["jt-b", "jt-a", "jt-c"]);
    expect(await joinedCodes("jt-")).toEqual(["jt-a", "jt-b", "jt-c"]);
    expect(await joinedCodes("none-")).toBeNull();
  });
});
