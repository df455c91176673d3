// In-process micro-benchmark of the booking hot paths (issue 12 phase 2): createBooking (the
// check-then-insert with files, audit row and notice in one transaction) and the slot page's
// expertCalendar + computeSlots, on one throw-away database. Run it once on the code before a
// change and once after, in one session (e.g. `git checkout <old> -- app/modules/booking`):
//   npx tsx scripts/bench/booking-write.ts
import { sql } from "kysely";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-booking-"));
const file = path.join(dir, "bench.db");
execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
  stdio: "ignore",
  env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
});
process.env.DATABASE_URL = `file:${file}`;
process.env.FILES_DIR = dir;
const { db, write, closeDb } = await import("../../app/data/db.server.ts");
const { ensureDbReady } = await import("../../app/data/ready.server.ts");
const { createBooking } = await import("../../app/modules/booking/bookings.server.ts");
const { expertCalendar } = await import("../../app/modules/booking/experts.server.ts");
const { computeSlots, beijingDay, beijingDayStart } =
  await import("../../app/modules/booking/slots.ts");
await ensureDbReady();
// The layer's cost without the disk (the fsync per commit is the same before and after).
db();
await sql`PRAGMA synchronous = OFF`.execute(db());

const now = new Date();
const EXPERTS = 8;
const ENTERPRISES = 800;
const { enterprises, experts } = await write(async (tx) => {
  const mk = (username: string, role: string) =>
    tx
      .insertInto("User")
      .values({ username, name: username, role, passwordHash: "x", createdAt: now, updatedAt: now })
      .returning(["id", "username"])
      .executeTakeFirstOrThrow();
  const enterprises: { enterpriseId: number; actor: { id: number; username: string } }[] = [];
  for (let i = 0; i < ENTERPRISES; i++) {
    const u = await mk(`bench-enterprise-${i}`, "ENTERPRISE");
    const e = await tx
      .insertInto("Enterprise")
      .values({
        userId: u.id,
        name: "基准企业",
        uscc: `bench-${i}`,
        contactName: "联系人",
        contactMobile: "13800000000",
        status: "ACTIVE",
        createdAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    enterprises.push({ enterpriseId: e.id, actor: u });
  }
  const experts: number[] = [];
  for (let i = 0; i < EXPERTS; i++) {
    const x = await mk(`bench-expert-${i}`, "EXPERT");
    const p = await tx
      .insertInto("ExpertProfile")
      .values({ userId: x.id, title: "律师", organisation: "律所", slotMinutes: 60, dailyMax: 24 })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let weekday = 1; weekday <= 7; weekday++)
      await tx
        .insertInto("AvailabilityRule")
        .values({ expertId: p.id, weekday, startMinute: 0, endMinute: 1440 })
        .execute();
    experts.push(p.id);
  }
  return { enterprises, experts };
});

// Every (expert, hour) of days 2..29: each request books a different free slot.
const slots: { expertId: number; slot: number }[] = [];
const day0 = beijingDayStart(beijingDay(now.getTime()));
for (let d = 2; d < 30; d++)
  for (let h = 0; h < 24; h++)
    for (const expertId of experts)
      slots.push({ expertId, slot: day0 + d * 86_400_000 + h * 3600_000 });

const input = (s: { expertId: number; slot: number }) => ({
  type: "CONSULTATION" as const,
  expertId: s.expertId,
  slot: s.slot,
  topic: "劳动合同咨询",
  description: "员工离职补偿问题",
  contactName: "王经理",
  contactMobile: "13800000000",
  mode: "ONLINE" as const,
  audienceSize: "" as const,
  trainingTopics: "",
});

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  console.log(`${label.padEnd(44)} ${us.toFixed(1).padStart(8)} µs`);
}

let next = 0;
// Each enterprise books up to its quota of 3 (2,050 bookings over 800 enterprises).
const book = async () => {
  const s = slots[next];
  const e = enterprises[next++ % ENTERPRISES];
  if (!s || !e) throw new Error("bench: out of slots");
  const r = await createBooking(e.actor, e.enterpriseId, input(s), [], null, now);
  if (!r.ok) throw new Error(`bench: booking refused: ${r.message}`);
};
const calendar = async (i: number) => {
  const cal = await expertCalendar(experts[i % EXPERTS] ?? 0, now.getTime());
  if (!cal) throw new Error("bench: no calendar");
  computeSlots(cal, { leadHours: 24, horizonDays: 30 }, now.getTime());
};
for (let i = 0; i < 50; i++) await book(); // warm-up
for (let round = 1; round <= 2; round++) {
  await time(`createBooking, round ${round}`, 1000, book);
  await time(`expertCalendar + computeSlots, round ${round}`, 500, calendar);
}
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
