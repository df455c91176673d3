import { describe, expect, it } from "vitest";
import {
  listNotifications,
  markAllRead,
  notify,
  unreadCount,
} from "#app/modules/notifications/notifications.server.ts";
import { prisma } from "#app/utils/db.server.ts";
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
      await notify(prisma, { userId, kind: "TEST", title, body: "正文" });
    const mine = await listNotifications(me.id);
    expect(mine.map((n) => n.title)).toEqual(["二", "一"]);
    expect(mine[0]!.createdAt).toBeInstanceOf(Date);
    expect(mine[0]!.readAt).toBeNull();
    expect(unreadCount(me.id)).toBe(2);
    await markAllRead(me.id);
    expect(unreadCount(me.id)).toBe(0);
    expect((await listNotifications(me.id))[0]!.readAt).toBeInstanceOf(Date);
    expect(unreadCount(other.id)).toBe(1);
  });
});
