import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PG_MODE } from "../setup/test-db.ts";

function freshDb(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-")), "app.db");
  fs.copyFileSync(path.resolve("tests/.tmp/template.db"), file);
  return file;
}

// The demo event material is written to FILES_DIR: a temporary folder, not the worktree's data/.
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-files-"));

function seed(file: string, env: Record<string, string> = {}): string {
  return execFileSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${file}`, FILES_DIR: filesDir, ...env },
  });
}

const count = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare(sql).get() as { n: number }).n;
  db.close();
  return n;
};

// SQLite only (TEST_DB=pg skips it): it seeds copies of the SQLite template file in child
// processes and counts through that file. The seed on PostgreSQL is tested in tests/pg/seed.test.ts.
describe.skipIf(PG_MODE)("seed", () => {
  it("on a production database (DEMO_DATA=false) creates one admin who must change the password at first login", () => {
    const file = freshDb();
    seed(file, { DEMO_DATA: "false", ADMIN_INITIAL_PASSWORD: "Init@2026xyz" });
    expect(count(file, "SELECT COUNT(*) AS n FROM User")).toBe(1);
    expect(
      count(
        file,
        "SELECT COUNT(*) AS n FROM User WHERE username = 'admin' AND role = 'ADMIN' AND mustChangePassword = 1",
      ),
    ).toBe(1);
  }, 30_000);

  it("never touches a database that already has data", () => {
    const file = freshDb();
    seed(file);
    const users = count(file, "SELECT COUNT(*) AS n FROM User");
    expect(users).toBeGreaterThan(500);
    const db = new Database(file);
    db.prepare("UPDATE User SET name = '改过的名字' WHERE username = 'admin'").run();
    db.close();
    expect(seed(file)).toMatch(/left untouched/);
    expect(count(file, "SELECT COUNT(*) AS n FROM User")).toBe(users);
    expect(count(file, "SELECT COUNT(*) AS n FROM User WHERE name = '改过的名字'")).toBe(1);
  }, 30_000);

  it("seeds the demo city with one account per role and the districts of Anshan", () => {
    const file = freshDb();
    seed(file);
    expect(count(file, "SELECT COUNT(DISTINCT role) AS n FROM User")).toBe(6);
    expect(
      count(
        file,
        "SELECT COUNT(*) AS n FROM OrgUnit WHERE name IN ('铁东区','铁西区','立山区','千山区','台安县','岫岩满族自治县','海城市')",
      ),
    ).toBe(7);
    expect(count(file, "SELECT COUNT(*) AS n FROM User WHERE mustChangePassword = 1")).toBe(0);
    // One demo material on the lecture, its file stored under its random name.
    const handle = new Database(file, { readonly: true });
    const material = handle.prepare("SELECT storedName, size FROM EventMaterial").all() as {
      storedName: string;
      size: number;
    }[];
    handle.close();
    expect(material).toHaveLength(1);
    expect(fs.statSync(path.join(filesDir, material[0]!.storedName)).size).toBe(material[0]!.size);
  }, 30_000);
});
