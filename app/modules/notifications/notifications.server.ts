import { prisma, stmt, type Db } from "#app/utils/db.server.ts";

export function unreadCount(userId: number): number {
  return (
    stmt("SELECT COUNT(*) AS n FROM Notification WHERE userId = ? AND readAt IS NULL").get(
      userId,
    ) as { n: number }
  ).n;
}

export function listNotifications(userId: number) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { id: "desc" },
    take: 100,
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      link: true,
      createdAt: true,
      readAt: true,
    },
  });
}

export async function markAllRead(userId: number, now = new Date()) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
}

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
