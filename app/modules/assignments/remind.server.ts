import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { mailEnabled, sendMails } from "#app/modules/notifications/mail.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";
import { peopleBehind } from "./rollup.server.ts";

// Reminders of an assignment (issue 17): at most one per person and assignment per 24 hours.
// The rule lives in the database: each reminder claims the person's AssignmentReminder row with
// one INSERT … ON CONFLICT DO UPDATE … WHERE lastSentAt <= now − 24 h RETURNING userId, in the
// same write() as the notices. Only the rows that come back are reminded, so of two managers
// clicking at once (SQLite: one writer at a time; PostgreSQL: SERIALIZABLE, the loser retries
// and sees the winner's rows) each person is reminded once.

export const REMIND_INTERVAL_MS = 24 * 3600_000;
/** How many names of each list the page shows; the counts are always complete. */
export const NAMES_SHOWN = 30;

// Rows per INSERT and ids per IN list: well under SQLite's 32,766 and PostgreSQL's 65,535
// bound parameters (a reminder can reach every person of a city-wide assignment).
const CHUNK = 1000;
const chunks = <T>(list: readonly T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) =>
    list.slice(i * CHUNK, (i + 1) * CHUNK),
  );

type Actor = { id: number; username: string };
type Assignment = { id: number; title: string; dueAt: Date };
export type Person = { userId: number; username: string; name: string; lastSentAt: Date | null };
export type RemindResult = {
  reminded: number;
  skipped: number;
  mailed: number;
  /** The first NAMES_SHOWN of each list, by 工号. */
  remindedPeople: Person[];
  skippedPeople: Person[];
};

/**
 * Reminds the given people of the assignment, each only if not reminded in the last 24 hours;
 * the claims, the notices and one audit row commit together. Mail goes out after the commit.
 * @actor null: the scheduled reminder before the due date.
 */
export async function remindPeople(
  actor: Actor | null,
  ip: string | null,
  assignment: Assignment,
  userIds: readonly number[],
  now = new Date(),
): Promise<RemindResult> {
  const ids = [...new Set(userIds)];
  const due = formatDateTime(assignment.dueAt).slice(0, 10);
  const cutoff = new Date(now.getTime() - REMIND_INTERVAL_MS);
  const sent =
    ids.length === 0
      ? []
      : await write(async (tx) => {
          const claimed: number[] = [];
          for (const part of chunks(ids)) {
            const rows = await tx
              .insertInto("AssignmentReminder")
              .values(
                part.map((userId) => ({
                  assignmentId: assignment.id,
                  userId,
                  lastSentAt: now,
                  sentById: actor?.id ?? null,
                })),
              )
              .onConflict((oc) =>
                oc
                  .columns(["assignmentId", "userId"])
                  .doUpdateSet({
                    lastSentAt: (eb) => eb.ref("excluded.lastSentAt"),
                    sentById: (eb) => eb.ref("excluded.sentById"),
                  })
                  .where("AssignmentReminder.lastSentAt", "<=", cutoff),
              )
              .returning("userId")
              .execute();
            for (const r of rows) claimed.push(r.userId);
          }
          if (claimed.length === 0) return claimed;
          await notify(
            tx,
            claimed.map((userId) => ({
              userId,
              kind: "ASSIGNMENT_REMINDER",
              title: `学习任务提醒：${assignment.title}`,
              body: `您有学习任务尚未完成，截止日期 ${due}，请尽快完成。`,
              link: "/learn",
            })),
            now,
          );
          await audit(tx, {
            actor,
            actorName: actor ? undefined : "system",
            action: "ASSIGNMENT_REMIND",
            objectType: "assignment",
            objectId: assignment.id,
            result: "SUCCESS",
            ip,
            detail: {
              recipients: claimed.length,
              skipped: ids.length - claimed.length,
              ...(claimed.length === 1 ? { userId: claimed[0] } : {}),
              ...(actor ? {} : { scheduled: true }),
            },
          });
          return claimed;
        });
  const sentSet = new Set(sent);
  const skipped = ids.filter((id) => !sentSet.has(id));
  const mailed = mailEnabled()
    ? await sendMails(await reminderMails(sent, assignment.title, due))
    : 0;
  return {
    reminded: sent.length,
    skipped: skipped.length,
    mailed,
    remindedPeople: await peopleOf(assignment.id, sent),
    skippedPeople: await peopleOf(assignment.id, skipped),
  };
}

/** Everyone in the actor's subtree who has not completed the assignment. */
export async function remindBehind(
  actor: Actor,
  ip: string | null,
  assignment: Assignment,
  scopePath: string,
  now = new Date(),
): Promise<RemindResult> {
  return remindPeople(actor, ip, assignment, await peopleBehind(assignment.id, scopePath), now);
}

/** One person, if he is covered by the assignment within @scopePath and has not completed it. */
export async function remindOne(
  actor: Actor,
  ip: string | null,
  assignment: Assignment,
  scopePath: string,
  userId: number,
  now = new Date(),
): Promise<RemindResult | null> {
  const row = await db()
    .selectFrom("AssignmentPerson as p")
    .innerJoin("OrgUnit as o", "o.id", "p.orgUnitId")
    .select("p.userId")
    .where("p.assignmentId", "=", assignment.id)
    .where("p.userId", "=", userId)
    .where("o.path", ">=", scopePath)
    .where("o.path", "<", subtreeUpperBound(scopePath))
    .whereRef("p.done", "<", "p.courses")
    .executeTakeFirst();
  if (!row) return null;
  return remindPeople(actor, ip, assignment, [userId], now);
}

/** The time of each listed person's last reminder of the assignment (absent: never). */
export async function lastReminders(
  assignmentId: number,
  userIds: readonly number[],
): Promise<Map<number, Date>> {
  const map = new Map<number, Date>();
  for (const part of chunks([...new Set(userIds)])) {
    if (part.length === 0) continue;
    const rows = await db()
      .selectFrom("AssignmentReminder")
      .select(["userId", "lastSentAt"])
      .where("assignmentId", "=", assignmentId)
      .where("userId", "in", part)
      .execute();
    for (const r of rows) map.set(r.userId, r.lastSentAt);
  }
  return map;
}

async function peopleOf(assignmentId: number, userIds: number[]): Promise<Person[]> {
  if (userIds.length === 0) return [];
  const rows = await db()
    .selectFrom("User as u")
    .leftJoin("AssignmentReminder as r", (j) =>
      j.onRef("r.userId", "=", "u.id").on("r.assignmentId", "=", assignmentId),
    )
    .select(["u.id as userId", "u.username", "u.name", "r.lastSentAt"])
    .where("u.id", "in", userIds.slice(0, CHUNK))
    .orderBy("u.username")
    .limit(NAMES_SHOWN)
    .execute();
  return rows;
}

async function reminderMails(userIds: number[], title: string, due: string) {
  const mails: { to: string; subject: string; text: string }[] = [];
  for (const part of chunks(userIds)) {
    const users = await db()
      .selectFrom("User")
      .select(["id", "email", "name"])
      .where("id", "in", part)
      .where("email", "is not", null)
      .orderBy("id")
      .execute();
    for (const u of users)
      if (u.email)
        mails.push({
          to: u.email,
          subject: `学习任务提醒：${title}`,
          text: `${u.name}：您有学习任务“${title}”尚未完成，截止日期 ${due}。请登录法治学堂完成学习。`,
        });
  }
  return mails;
}
