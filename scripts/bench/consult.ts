// The booking POST of `npm run bench` (issue 5): POST /consult/new as many
// synthetic enterprises (E00001 …, their own sessions written by sessions.ts), each request for a different free slot of the 40 busy bench
// experts, so every request does the real work (checks, insert, audit, notice).
import type Database from "better-sqlite3";
import type { BenchRequest } from "autocannon";
import {
  computeSlots,
  type HolidayKind,
  type WeeklyRule,
} from "../../app/modules/booking/slots.ts";
import type { PostScenario } from "./learning.ts";
import { asFormPost, generatedSessions } from "./sessions.ts";

function freeSlots(db: Database.Database, now: number): { expertId: number; slot: number }[] {
  const experts = db
    .prepare(
      "SELECT p.id, p.slotMinutes, p.bufferMinutes, p.dailyMax FROM ExpertProfile p JOIN User u ON u.id = p.userId WHERE u.username LIKE 'X%'",
    )
    .all() as {
    id: number;
    slotMinutes: number;
    bufferMinutes: number;
    dailyMax: number;
  }[];
  if (experts.length === 0)
    throw new Error("bench: no bench experts in the database (BENCH_RESEED=1 recreates it)");
  const rules = db.prepare(
    "SELECT weekday, startMinute, endMinute FROM AvailabilityRule WHERE expertId = ?",
  );
  const busy = db.prepare(
    "SELECT startAt, endAt FROM Booking WHERE expertId = ? AND endAt > ? AND status NOT IN ('DECLINED', 'CANCELLED')",
  );
  // The holiday calendar and leave days too: without them every slot of a holiday (元旦 falls
  // in the bench's 30 days around new year) was posted and refused with a cheap 409.
  const holidays = new Map(
    (db.prepare("SELECT day, kind FROM Holiday").all() as { day: string; kind: string }[]).map(
      (h): [string, HolidayKind] => [h.day, h.kind === "WORKDAY" ? "WORKDAY" : "HOLIDAY"],
    ),
  );
  const leave = db.prepare("SELECT day FROM ExpertLeave WHERE expertId = ?").pluck();
  const out: { expertId: number; slot: number }[] = [];
  for (const e of experts) {
    const cal = {
      ...e,
      rules: rules.all(e.id) as WeeklyRule[],
      leaveDays: new Set(leave.all(e.id) as string[]),
      holidays,
      busy: busy.all(e.id, now) as { startAt: number; endAt: number }[],
    };
    // A margin over the 24 h lead time, so a slot is still bookable when its request is sent.
    for (const d of computeSlots(cal, { leadHours: 25, horizonDays: 29 }, now))
      for (const slot of d.slots) out.push({ expertId: e.id, slot });
  }
  // Interleave experts, so concurrent requests rarely contend for one expert's day.
  return out.sort(
    (a, b) =>
      (a.slot % 7_200_000) - (b.slot % 7_200_000) || a.expertId - b.expertId || a.slot - b.slot,
  );
}

/** The topic of the bookings this POST makes (the seed's own bookings say 压测预约). */
export const BENCH_POST_TOPIC = "压测预约（POST）";

export async function bookingScenario(
  db: Database.Database,
  origin: string,
  enterprises: number,
): Promise<PostScenario> {
  const now = Date.now();
  const pairs = freeSlots(db, now);
  if (pairs.length === 0)
    throw new Error(
      "bench: no free slot left for the booking POST (BENCH_RESEED=1 recreates the database)",
    );
  const { users, cookies } = await generatedSessions(
    db,
    { role: "ENTERPRISE", prefix: "E", what: "bench enterprises" },
    enterprises,
  );
  const maxIdBefore = (
    db.prepare("SELECT COALESCE(MAX(id), 0) AS m FROM Booking").get() as { m: number }
  ).m;
  let next = 0;
  let ok = 0;
  let taken = 0;
  let other = 0;
  let sample: string | null = null;
  const request: BenchRequest = {
    method: "POST",
    setupRequest(req) {
      const i = next++;
      const pair = pairs[i % pairs.length]!;
      const body = new URLSearchParams({
        type: "CONSULTATION",
        expertId: String(pair.expertId),
        slot: String(pair.slot),
        topic: BENCH_POST_TOPIC,
        description: "压测",
        contactName: "联系人",
        contactMobile: "13600000000",
        mode: "ONLINE",
        audienceSize: "",
        trainingTopics: "",
      }).toString();
      return asFormPost(req, {
        path: "/consult/new",
        cookie: cookies[i % cookies.length]!,
        origin,
        body,
      });
    },
    onResponse(status, _body, _context, headers) {
      const location = Object.entries(headers).find(([k]) => k.toLowerCase() === "location")?.[1];
      if (status === 302 && /^\/consult\/bookings\/\d+/.test(String(location))) ok++;
      else if (status === 409) taken++;
      else {
        other++;
        sample ??= `HTTP ${status}`;
      }
    },
  };
  return {
    label: "/consult/new (CONSULTATION)",
    describe: `booking POST: ${users.length} bench enterprises with fresh sessions, ${pairs.length} free (expert, slot) pairs of 40 busy experts; each request books a different one`,
    requests: [request],
    verify() {
      const created = (
        db.prepare("SELECT COUNT(*) AS n FROM Booking WHERE id > ?").get(maxIdBefore) as {
          n: number;
        }
      ).n;
      const problems: string[] = [];
      if (other > 0) problems.push(`${other} unexpected answers (first: ${sample})`);
      if (next > pairs.length)
        problems.push(
          `the ${pairs.length} free slots ran out: later requests met taken slots (409)`,
        );
      return {
        summary: `${ok + taken + other} responses incl. warm-up: ${ok} x 302 -> /consult/bookings/<id>, ${taken} x 409; ${created} bookings stored`,
        problem: problems.length > 0 ? problems.join("; ") : null,
        details: {
          responses: ok + taken + other,
          expected: ok,
          created,
          taken,
          unexpected: other,
          capacity: pairs.length,
        },
      };
    },
  };
}
