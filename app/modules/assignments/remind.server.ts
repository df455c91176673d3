import { write, db } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { mailEnabled, sendMails } from "#app/modules/notifications/mail.server.ts";
import { peopleBehind } from "./rollup.server.ts";

// Rows per INSERT and ids per IN list: well under SQLite's 32,766 and PostgreSQL's 65,535
// bound parameters (a reminder can reach every person of a city-wide assignment).
const CHUNK = 1000;
const chunks = <T>(list: readonly T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) =>
    list.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * One in-app reminder to everyone in the actor's subtree who has not completed
 * the assignment; the notifications and the audit row commit together.
 */
export async function remindBehind(
  actor: { id: number; username: string },
  ip: string | null,
  assignment: { id: number; title: string; dueAt: Date },
  scopePath: string,
  now = new Date(),
) {
  const userIds = await peopleBehind(assignment.id, scopePath);
  if (userIds.length === 0) return { ok: true as const, sent: 0, mailed: 0 };
  const due = formatDateTime(assignment.dueAt).slice(0, 10);
  await write(async (tx) => {
    for (const part of chunks(userIds))
      await tx
        .insertInto("Notification")
        .values(
          part.map((userId) => ({
            userId,
            kind: "ASSIGNMENT_REMINDER",
            title: `学习任务提醒：${assignment.title}`,
            body: `您有学习任务尚未完成，截止日期 ${due}，请尽快完成。`,
            link: "/learn",
            createdAt: now,
          })),
        )
        .execute();
    await audit(tx, {
      actor,
      action: "ASSIGNMENT_REMIND",
      objectType: "assignment",
      objectId: assignment.id,
      result: "SUCCESS",
      ip,
      detail: { recipients: userIds.length },
    });
  });
  // E-mail after the commit, to those with an address, when SMTP is configured.
  const mailed = mailEnabled()
    ? await sendMails(await reminderMails(userIds, assignment.title, due))
    : 0;
  return { ok: true as const, sent: userIds.length, mailed };
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
