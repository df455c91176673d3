import { sql, type Kysely } from "kysely";
import type { DB } from "#app/data/db.server.ts";
import { beijingDay, valueList } from "#app/data/portable.server.ts";
import { notifyFrom } from "#app/modules/notifications/notifications.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";

// The "new task" notice (decision 0019): once per (assignment, person), whenever a person comes
// under a live assignment that is not yet due: at its creation, and later when the person is
// created or imported into a covered unit, moved into one (alone, in bulk, or with a unit that
// is moved), enabled, or made STAFF. AssignmentNotice remembers who has had it, so a person
// moved out and back (or disabled and enabled) gets none the second time.
//
// Called in the write() that made the change, after it: the pair triggers have already brought
// AssignmentPerson up to date inside the same transaction, so "who is covered now" is read from
// there, never restated. Two statements whatever the number of people (a 2,000-person import
// costs the same two), each an INSERT … SELECT.

/** Whose pairs to look at: some people, everyone in a unit's subtree, or one assignment's. */
export type Joiners =
  { userIds: readonly number[] } | { unitPath: string } | { assignmentId: number };

const NOTICE_KIND = "ASSIGNMENT";
const NOTICE_LINK = "/learn";

/** Typed text parameter: PostgreSQL cannot infer a bare parameter's type in a select list. */
const text = (v: string) => sql<string>`CAST(${v} AS TEXT)`;

function pending(tx: Kysely<DB>, who: Joiners, now: Date) {
  let q = tx
    .selectFrom("AssignmentPerson as p")
    .innerJoin("Assignment as a", "a.id", "p.assignmentId")
    .where("a.withdrawnAt", "is", null)
    .where("a.dueAt", ">=", now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("AssignmentNotice as n")
            .select("n.userId")
            .whereRef("n.assignmentId", "=", "p.assignmentId")
            .whereRef("n.userId", "=", "p.userId"),
        ),
      ),
    );
  if ("userIds" in who) q = q.where("p.userId", "in", valueList(who.userIds, "int"));
  else if ("unitPath" in who)
    q = q
      .where("p.unitPath", ">=", who.unitPath)
      .where("p.unitPath", "<", subtreeUpperBound(who.unitPath));
  else q = q.where("p.assignmentId", "=", who.assignmentId);
  return q;
}

/**
 * Sends the notice of each live, not yet due assignment that now covers one of `who` and has
 * not been sent to them before, and records it; inside the caller's write(). Returns how many
 * notices were written.
 */
export async function noticeNewlyCovered(
  tx: Kysely<DB>,
  who: Joiners,
  now = new Date(),
): Promise<number> {
  if ("userIds" in who && who.userIds.length === 0) return 0;
  const title = sql<string>`substr(${text("新的学习任务：")} || ${sql.ref("a.title")}, 1, 120)`;
  const body = sql<string>`${text("您有新的必修学习任务“")} || ${sql.ref("a.title")} || ${text(
    "”，请在 ",
  )} || ${beijingDay("a.dueAt")} || ${text("（北京时间）前完成。")}`;
  const count = await notifyFrom(
    tx,
    pending(tx, who, now).select([
      "p.userId",
      text(NOTICE_KIND).as("kind"),
      title.as("title"),
      body.as("body"),
      sql<string | null>`CAST(${NOTICE_LINK} AS TEXT)`.as("link"),
      sql<Date>`CAST(${now} AS TIMESTAMP(3))`.as("createdAt"),
    ]),
  );
  if (count === 0) return 0;
  await tx
    .insertInto("AssignmentNotice")
    .columns(["assignmentId", "userId", "sentAt"])
    .expression(
      pending(tx, who, now).select([
        "p.assignmentId",
        "p.userId",
        sql<Date>`CAST(${now} AS TIMESTAMP(3))`.as("sentAt"),
      ]),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  return count;
}
