import type { Kysely, SelectQueryBuilder } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";

export type Notice = { userId: number; kind: string; title: string; body: string; link?: string };

/** Rows per INSERT: 6 values a row stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const NOTICE_BATCH = 1000;

/** One notice's row, compiled once: every booking POST and sign-up writes one. */
const INSERT_ONE = compiled(
  (
    q,
    userId: number,
    kind: string,
    title: string,
    body: string,
    link: string | null,
    createdAt: Date,
  ) => q.insertInto("Notification").values({ userId, kind, title, body, link, createdAt }),
);

/**
 * THE in-app notice writer (decision 0011): one notice or many (a reminder to a whole subtree),
 * inside the caller's `write()` transaction, so they commit with the change they announce.
 */
export async function notify(
  tx: Kysely<DB>,
  notices: Notice | readonly Notice[],
  now = new Date(),
): Promise<void> {
  if (!Array.isArray(notices)) {
    const n = notices as Notice;
    await INSERT_ONE.changes(tx, n.userId, n.kind, n.title, n.body, n.link ?? null, now);
    return;
  }
  const list = notices;
  for (let i = 0; i < list.length; i += NOTICE_BATCH) {
    const rows = list.slice(i, i + NOTICE_BATCH).map((n) => ({
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      createdAt: now,
    }));
    await tx.insertInto("Notification").values(rows).execute();
  }
}

/** The columns a set-based notice query selects (`notifyFrom`). */
export type NoticeRow = {
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
};

/**
 * Notices from a query, as one INSERT … SELECT inside the caller's transaction: no round trip
 * per person however many it reaches (the notice of a new assignment to a 10,000-person unit,
 * or to everyone a 2,000-person import brings under one, is one statement; decision 0019).
 * Returns how many were written.
 */
export async function notifyFrom(
  tx: Kysely<DB>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rows: SelectQueryBuilder<DB, any, NoticeRow>,
): Promise<number> {
  const r = await tx
    .insertInto("Notification")
    .columns(["userId", "kind", "title", "body", "link", "createdAt"])
    .expression(rows)
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

// On every page for a signed-in user (the header's badge): compiled once.
const UNREAD = compiled((q, userId: number) =>
  q
    .selectFrom("Notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .where("readAt", "is", null),
);

export async function unreadCount(userId: number): Promise<number> {
  return (await UNREAD.first(db(), userId))?.n ?? 0;
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

/**
 * Opening the page a notice links to reads it (issue 18: a booking page marks that booking's
 * notices read for the user who opens it, nobody else's). Writes only when one is unread.
 */
export async function markReadByLink(userId: number, link: string, now = new Date()) {
  const unread = await db()
    .selectFrom("Notification")
    .select("id")
    .where("userId", "=", userId)
    .where("readAt", "is", null)
    .where("link", "=", link)
    .limit(1)
    .executeTakeFirst();
  if (!unread) return;
  await write((tx) =>
    tx
      .updateTable("Notification")
      .set({ readAt: now })
      .where("userId", "=", userId)
      .where("readAt", "is", null)
      .where("link", "=", link)
      .execute(),
  );
}
