import { describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import {
  listNotifications,
  markAllRead,
  notify,
  unreadCount,
} from "#app/modules/notifications/notifications.server.ts";
import { makeUser } from "./helpers.ts";

describe("in-app notices", () => {
  it("lists a user's own notices newest first with Date times, and marking all read touches only theirs", async () => {
    const me = await makeUser({});
    const other = await makeUser({});
    for (const [userId, title] of [
      [me.id, "一"],
      [me.id, "二"],
      [other.id, "三"],
    ] as const)
      await write((tx) => notify(tx, { userId, kind: "TEST", title, body: "正文" }));
    const mine = await listNotifications(me.id);
    expect(mine.map((n) => n.title)).toEqual(["二", "一"]);
    expect(mine[0]!.createdAt).toBeInstanceOf(Date);
    expect(mine[0]!.readAt).toBeNull();
    expect(mine[0]!.link).toBeNull();
    expect(await unreadCount(me.id)).toBe(2);
    await markAllRead(me.id);
    expect(await unreadCount(me.id)).toBe(0);
    expect((await listNotifications(me.id))[0]!.readAt).toBeInstanceOf(Date);
    expect(await unreadCount(other.id)).toBe(1);
  });

  it("notify writes many notices in one transaction, in batches below the parameter limit, or none", async () => {
    const me = await makeUser({});
    const many = Array.from({ length: 6000 }, (_, i) => ({
      userId: me.id,
      kind: "TEST",
      title: `第${i}条`,
      body: "正文",
      link: "/learn",
    }));
    const at = new Date("2026-05-01T08:00:00Z");
    await expect(
      write(async (tx) => {
        await notify(tx, many, at);
        throw new Error("the change the notices announce fails");
      }),
    ).rejects.toThrow();
    expect(await unreadCount(me.id)).toBe(0);
    await write((tx) => notify(tx, many, at));
    expect(await unreadCount(me.id)).toBe(6000);
    const last = await db()
      .selectFrom("Notification")
      .select(["title", "link", "createdAt"])
      .where("userId", "=", me.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ title: "第5999条", link: "/learn", createdAt: at });
  });
});
