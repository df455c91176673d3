import { db, write } from "#app/data/db.server.ts";
import { stmt, type Db } from "#app/utils/db.server.ts";

export function unreadCount(userId: number): number {
  return (
    stmt("SELECT COUNT(*) AS n FROM Notification WHERE userId = ? AND readAt IS NULL").get(
      userId,
    ) as { n: number }
  ).n;
}

export function listNotifications(userId: number) {
  return db()
    .selectFrom("Notification")
    .select(["id", "kind", "title", "body", "link", "createdAt", "readAt"])
    .where("userId", "=", userId)
    .orderBy("id", "desc")
    .limit(100)
    .execute();
}

export async function markAllRead(userId: number, now = new Date()) {
  await write((tx) =>
    tx
      .updateTable("Notification")
      .set({ readAt: now })
      .where("userId", "=", userId)
      .where("readAt", "is", null)
      .execute(),
  );
}

/** The notice through Prisma, for callers not yet converted (decision 0011, phase 2). */
export async function notify(
  db: Db,
  input: { userId: number; kind: string; title: string; body: string; link?: string },
  now = new Date(),
) {
  await db.notification.create({
    data: { ...input, link: input.link ?? null, createdAt: now },
    select: { id: true },
  });
}
