// The dialect helpers of app/data/portable.server.ts on PostgreSQL: the same answers as the
// SQLite tests in app/data/portable.test.ts.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db, dialectName, write } from "#app/data/db.server.ts";
import { textPosition } from "#app/data/portable.server.ts";
import { examRollup } from "#app/modules/learning/exam.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

let cluster: PgCluster | undefined;

describe.skipIf(!pgAvailable())("portable SQL helpers on PostgreSQL", () => {
  beforeAll(async () => {
    cluster = await startPgCluster(3626);
    const url = await cluster.createDatabase("portable");
    await migratePg(url);
    await closeDb();
    process.env.DATABASE_URL = url;
    resetEnvCache();
  });

  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });

  it("textPosition is strpos: literal, case-sensitive, 1-based, 0 when absent", async () => {
    expect(dialectName()).toBe("postgres");
    const pos = async (value: string, needle: string) => {
      const { rows } = await sql<{
        p: number;
      }>`SELECT ${textPosition("t.v", needle)} AS p FROM (SELECT ${value}::text AS v) t`.execute(
        db(),
      );
      return rows[0]?.p;
    };
    expect(await pos("鞍山市数据局", "数据")).toBe(4);
    expect(await pos("abc", "ABC")).toBe(0);
    expect(await pos("abc", "a_c")).toBe(0);
    expect(await pos("x%y", "%")).toBe(2);
    // As examRollup uses it: the child unit id, the first path segment after the unit's path.
    const start = "1/".length + 1;
    const rest = sql<string>`substr(t.path, ${start})`;
    const { rows } = await sql<{ id: number }>`SELECT CAST(substr(t.path, ${start},
      ${textPosition(rest, "/")} - 1) AS INTEGER) AS id FROM (SELECT '1/42/7/'::text AS path) t`.execute(
      db(),
    );
    expect(rows[0]?.id).toBe(42);
  });

  it("examRollup counts per child unit and the unit's own staff", async () => {
    const now = new Date("2026-05-01T00:00:00Z");
    const { root, child } = await write(async (tx) => {
      const unit = async (code: string, parentPath: string) => {
        const { id } = await tx
          .insertInto("OrgUnit")
          .values({
            code,
            name: code,
            kind: "DEPT",
            tier: 1,
            depth: 0,
            path: `tmp-${code}`,
            updatedAt: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const path = `${parentPath}${id}/`;
        await tx.updateTable("OrgUnit").set({ path }).where("id", "=", id).execute();
        return { id, path };
      };
      const root = await unit("root", "/");
      const child = await unit("child", root.path);
      const person = async (unitId: number, passed: boolean | null) => {
        const { id } = await tx
          .insertInto("User")
          .values({
            username: `u${unitId}-${String(passed)}-${Math.random()}`,
            name: "员工",
            role: "STAFF",
            passwordHash: "x",
            orgUnitId: unitId,
            updatedAt: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (passed === null) return;
        await tx
          .insertInto("ExamAttempt")
          .values({
            userId: id,
            year: 2026,
            draw: "[]",
            passMark: 60,
            startedAt: now,
            deadline: now,
            submittedAt: now,
            passed,
          })
          .execute();
      };
      await person(root.id, null);
      await person(child.id, true);
      await person(child.id, false);
      return { root, child };
    });
    const rows = [...(await examRollup(root, 2026))].sort((a, b) => a.unitId - b.unitId);
    expect(rows).toEqual([
      { unitId: root.id, staff: 1, sat: 0, passed: 0 },
      { unitId: child.id, staff: 2, sat: 2, passed: 1 },
    ]);
  });
});
