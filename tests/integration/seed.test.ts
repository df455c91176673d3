import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPhoto } from "#app/modules/booking/profiles.server.ts";
import { PG_MODE } from "../setup/test-db.ts";

function freshDb(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-")), "app.db");
  fs.copyFileSync(path.resolve("tests/.tmp/template.db"), file);
  return file;
}

/** The seed in a child process; files (the demo expert's photo) go next to the database. */
function seed(file: string, env: Record<string, string> = {}): string {
  return execFileSync(path.resolve("node_modules/.bin/tsx"), ["prisma/seed.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: `file:${file}`,
      FILES_DIR: path.join(path.dirname(file), "files"),
      ...env,
    },
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
  }, 90_000);

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
  }, 90_000);

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
    expect(fs.statSync(path.join(path.dirname(file), "files", material[0]!.storedName)).size).toBe(
      material[0]!.size,
    );
  }, 90_000);

  it("shows the demo's reminders already sent, a contract review in each state, one overdue, and the expert's photo", () => {
    const file = freshDb();
    expect(seed(file)).toMatch(/demo assignment with reminders sent/);
    // 上次提醒: three people of the demo assignment reminded two days ago, by the demo manager.
    expect(
      count(
        file,
        `SELECT COUNT(*) AS n FROM AssignmentReminder r JOIN Assignment a ON a.id = r.assignmentId
         JOIN User m ON m.id = r.sentById
         WHERE a.title LIKE '【示例】%' AND m.username = 'manager'
           AND r.lastSentAt < unixepoch('now', '-1 day') * 1000`,
      ),
    ).toBe(3);
    expect(count(file, "SELECT COUNT(*) AS n FROM AssignmentPerson")).toBe(5);
    expect(
      count(file, "SELECT COUNT(*) AS n FROM Notification WHERE kind = 'ASSIGNMENT_REMINDER'"),
    ).toBe(3);
    // The demo enterprise: accepted with a promised date, opinion returned; one in progress
    // only, so it stays under its quota of 3 bookings in progress.
    const demoReviews = `SELECT b.status, b.promisedDate, b.opinion FROM Booking b
      JOIN Enterprise e ON e.id = b.enterpriseId JOIN User u ON u.id = e.userId
      WHERE u.username = 'enterprise' AND b.type = 'CONTRACT_REVIEW' ORDER BY b.status`;
    const db = new Database(file, { readonly: true });
    const rows = db.prepare(demoReviews).all() as { status: string; opinion: string | null }[];
    expect(rows.map((r) => r.status)).toEqual(["COMPLETED", "CONFIRMED"]);
    expect(rows[0]!.opinion).toBeTruthy();
    // The expert 李律师 sees every state; ADMIN one overdue (accepted, promise before today).
    const statuses = db
      .prepare(
        `SELECT b.status FROM Booking b JOIN ExpertProfile p ON p.id = b.expertId
         JOIN User u ON u.id = p.userId WHERE u.username = 'expert' ORDER BY b.status`,
      )
      .all()
      .map((r) => (r as { status: string }).status);
    expect(statuses).toEqual(["COMPLETED", "CONFIRMED", "CONFIRMED", "REQUESTED"]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM Booking WHERE status = 'CONFIRMED' AND promisedDate < ?",
        )
        .get(today),
    ).toEqual({ n: 1 });
    // The photo: a real PNG stored as an upload is, under FILES_DIR/photos.
    const photo = db
      .prepare(
        `SELECT p.photoName FROM ExpertProfile p JOIN User u ON u.id = p.userId
         WHERE u.username = 'expert'`,
      )
      .get() as { photoName: string };
    db.close();
    const bytes = fs.readFileSync(
      path.join(path.dirname(file), "files", "photos", photo.photoName),
    );
    expect(checkPhoto(bytes)).toEqual({ ok: true, format: "png" });
  }, 90_000);
});
