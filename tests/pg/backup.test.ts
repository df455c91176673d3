// Issue 13: db:backup and db:restore work on PostgreSQL (pg_dump / pg_restore, custom format).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

const tsx = path.resolve("node_modules/.bin/tsx");

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const addUnit = (url: string, code: string) =>
  query(
    url,
    `INSERT INTO "OrgUnit" ("code", "name", "kind", "tier", "depth", "path", "updatedAt")
     VALUES ('${code}', '单位', 'CITY', 0, 0, '/${code}/', now()) RETURNING "id"`,
  );

describe.skipIf(!pgAvailable())("db:backup and db:restore on PostgreSQL", () => {
  let cluster: PgCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await startPgCluster();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgbackup-"));
  });

  afterAll(async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const script = (name: string, url: string, ...args: string[]) =>
    spawnSync(tsx, [`scripts/${name}.ts`, ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, BACKUP_DIR: dir },
    });

  it("backs up with pg_dump and restores the rows, triggers and sequences, keeping the replaced database", async () => {
    const url = await cluster.createDatabase("live");
    await migratePg(url);
    await addUnit(url, "A");
    await query(
      url,
      `INSERT INTO "AuditLog" ("at", "action", "result") VALUES (now(), 'login', 'ok')`,
    );

    const backup = script("db-backup", url);
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    const file = /db:backup: (\S+\.dump)/.exec(backup.stdout)![1]!;
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    // Later changes, then the restore brings the backed-up state back.
    await addUnit(url, "B");
    const restore = script("db-restore", url, file);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(await query(url, `SELECT "code" FROM "OrgUnit" ORDER BY "id"`)).toEqual([{ code: "A" }]);
    await expect(query(url, `DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await addUnit(url, "C")).toEqual([{ id: 2 }]);
    expect((await migratePg(url)).applied).toEqual([]);

    const kept = fs.readdirSync(dir).filter((f) => f.includes("-before-restore-"));
    expect(kept).toHaveLength(1);
  }, 60_000);

  it("refuses a file that is not a pg_dump archive and changes nothing", async () => {
    const url = await cluster.createDatabase("refuse");
    await migratePg(url);
    await addUnit(url, "A");
    const bogus = path.join(dir, "bogus.dump");
    fs.writeFileSync(bogus, "not a dump");
    const restore = script("db-restore", url, bogus);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/db:restore:/);
    expect(await query(url, `SELECT "code" FROM "OrgUnit"`)).toEqual([{ code: "A" }]);
  }, 60_000);
});
