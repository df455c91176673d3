import { describe, expect, it } from "vitest";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import { sendDayBeforeReminders } from "#app/modules/booking/remind.server.ts";
import { changeBooking } from "#app/modules/booking/transitions.server.ts";
import { write } from "#app/data/db.server.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";
import { countRows } from "./helpers.ts";
import { smtpSink } from "./smtp-sink.ts";

const { received, configure: useSmtpSink } = smtpSink();

describe("the day-before reminder", () => {
  it("notifies both sides of a confirmed booking tomorrow in-app and by e-mail, once", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const now = new Date();
    // The day after tomorrow at 10:00 is bookable with a 24 h lead; remind "the day before" it.
    const slot = slotAt(2, 10, now.getTime());
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slot),
      [],
      null,
      now,
    );
    if (!r.ok) throw new Error(r.message);
    await changeBooking(ex.user, r.id, { action: "confirm" }, null, now);
    await write((tx) =>
      tx
        .updateTable("User")
        .set({ email: "boss@example.com" })
        .where("id", "=", e.user.id)
        .execute(),
    );
    useSmtpSink();
    const dayBefore = new Date(slot - 24 * 3600_000);
    expect(await sendDayBeforeReminders(null, new Date(slot - 48 * 3600_000))).toMatchObject({
      bookings: 0,
    });
    const first = await sendDayBeforeReminders(null, dayBefore);
    expect(first).toMatchObject({ bookings: 1, notices: 2, mailed: 1 });
    expect(received.map((m) => m.to)).toEqual([["boss@example.com"]]);
    expect(
      await countRows("Notification", (q) =>
        q.where("title", "=", "预约提醒（明天）").where("userId", "in", [e.user.id, ex.user.id]),
      ),
    ).toBe(2);
    expect(await sendDayBeforeReminders(null, dayBefore)).toMatchObject({ bookings: 0 });
  });
});
