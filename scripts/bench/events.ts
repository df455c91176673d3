// The events rows of `npm run bench` (issue 20): the staff events list and the QR check-in POST.
// The scale seed has no events, so the bench adds its own to the bench database: 30 open
// lectures for the list (once), and for each check-in row a fresh open event whose check-in
// period is now. Each check-in request is a different generated staff member (S…, own session)
// with the code of the current 30-second window, computed from the event's secret as the venue
// screen does: a real insert of an attendance, its audit row and the CreditLedger source. When
// the pool of staff runs out, later requests are people answering "already checked in".
// The check-in answers 200 either way: the route renders its page with the outcome (an action
// result, no redirect), so this row expects 200 and tells the two answers apart by their text.
import type { BenchRequest } from "autocannon";
import crypto from "node:crypto";
import type { PostScenario } from "./learning.ts";
import { asFormPost, generatedSessions, type BenchDb } from "./sessions.ts";
const HOUR = 3600_000;
const LIST_TITLE = "压测讲座";

function insertEvent(
  db: BenchDb,
  title: string,
  start: number,
  secret = crypto.randomBytes(32).toString("hex"),
): number {
  const admin = db.prepare("SELECT id FROM User WHERE username = 'admin'").get() as
    { id: number } | undefined;
  const r = db
    .prepare(
      `INSERT INTO Event (kind, title, description, startsAt, endsAt, year, room, meetingUrl, capacity,
         creditHours, checkInFrom, checkInUntil, audience, scopePath, createdById, createdAt, qrSecret)
       VALUES ('LECTURE', ?, '', ?, ?, ?, '压测会议室', NULL, 5000, 1, ?, ?, 'OPEN', '/', ?, ?, ?)`,
    )
    .run(
      title,
      start,
      start + 2 * HOUR,
      new Date(start + 8 * HOUR).getUTCFullYear(),
      start - HOUR,
      start + 2 * HOUR,
      admin?.id ?? 1,
      Date.now(),
      secret,
    );
  const id = Number(r.lastInsertRowid);
  db.prepare(
    "INSERT INTO EventSpeaker (eventId, position, name, title) VALUES (?, 0, '压测专家', '教授')",
  ).run(id);
  return id;
}

/** 30 open lectures in the coming weeks, added once, so /events lists a full page. */
export function ensureListEvents(db: BenchDb): string {
  const have = (
    db
      .prepare("SELECT COUNT(*) AS n FROM Event WHERE title LIKE ? AND endsAt > ?")
      .get(`${LIST_TITLE}%`, Date.now()) as { n: number }
  ).n;
  const day0 = Date.now() + 86_400_000;
  for (let i = have; i < 30; i++) insertEvent(db, `${LIST_TITLE} ${i + 1}`, day0 + i * 86_400_000);
  return `${Math.max(have, 30)} open bench lectures listed`;
}

export async function checkInScenario(
  db: BenchDb,
  origin: string,
  staffCount: number,
): Promise<PostScenario> {
  const secret = crypto.randomBytes(32).toString("hex");
  const eventId = insertEvent(db, `压测签到 ${new Date().toISOString()}`, Date.now(), secret);
  const { users, cookies } = await generatedSessions(
    db,
    { role: "STAFF", prefix: "S", what: "generated staff" },
    staffCount,
  );
  const code = () =>
    crypto
      .createHmac("sha256", secret)
      .update(`${eventId}:${Math.floor(Date.now() / 30_000)}`)
      .digest("hex")
      .slice(0, 12);
  let next = 0;
  let checkedIn = 0; // 200, 签到成功
  let already = 0; // 200, 您已签到过
  let other = 0;
  let sample: string | null = null;
  const path = `/events/${eventId}/check-in`;
  const request: BenchRequest = {
    method: "POST",
    setupRequest(req) {
      const cookie = cookies[next++ % cookies.length]!;
      const body = new URLSearchParams({ code: code() }).toString();
      return asFormPost(req, { path, cookie, origin, body });
    },
    onResponse(status, body) {
      if (status === 200 && body.includes("签到成功")) checkedIn++;
      else if (status === 200 && body.includes("您已签到过")) already++;
      else {
        other++;
        sample ??= `HTTP ${status}${status === 200 ? " without the outcome" : ""}`;
      }
    },
  };
  return {
    label: `${path.replace(String(eventId), "<id>")} (QR code)`,
    describe: `check-in POST: ${users.length} distinct bench staff with fresh sessions, the current 30 s code of a fresh open event; each request a new person until the pool runs out, then "already checked in"`,
    requests: [request],
    expectedStatus: 200,
    verify() {
      const attended = (
        db.prepare("SELECT COUNT(*) AS n FROM EventAttendance WHERE eventId = ?").get(eventId) as {
          n: number;
        }
      ).n;
      return {
        summary: `${checkedIn + already + other} responses incl. warm-up: ${checkedIn} x 200 签到成功, ${already} x 200 "already checked in"; ${attended} attendances stored`,
        problem:
          [
            other > 0 ? `${other} unexpected answers (first: ${sample})` : null,
            // More stored than answered: requests still in flight (or timed out) when a run
            // stopped. Fewer: a check-in answered as done that was not kept.
            attended < checkedIn ? `${checkedIn} check-ins answered but ${attended} stored` : null,
          ]
            .filter(Boolean)
            .join("; ") || null,
        details: {
          responses: checkedIn + already + other,
          expected: checkedIn + already,
          created: attended,
          already,
          unexpected: other,
        },
      };
    },
  };
}
