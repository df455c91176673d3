// Issue 13: cron starts `npm run consult:remind` and `npm run files:purge` on every node of a
// cluster at once. Three processes of each script race on one database: one does the day's
// run (one reminder per side, one purge audit), the others say who has it (decision 0017).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import { changeBooking } from "#app/modules/booking/transitions.server.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";
import { countRows } from "./helpers.ts";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");

async function race(script: string, env: Record<string, string>) {
  const outs = await Promise.all(
    [1, 2, 3].map(() =>
      run(tsx, [script], { env: { ...process.env, LOG_LEVEL: "silent", ...env } }).then((r) =>
        r.stdout.trim(),
      ),
    ),
  );
  return {
    ran: outs.filter((o) => !/nothing to do here/.test(o)),
    skipped: outs.filter((o) => /nothing to do here/.test(o)),
  };
}

describe("cron jobs on every node", () => {
  it("consult:remind run by three processes at once reminds tomorrow's booking once", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    // Tomorrow 10:00 Beijing, booked and confirmed two days before (the 24 h lead holds then).
    const slot = slotAt(1, 10);
    const then = new Date(slot - 48 * 3600_000);
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slot),
      [],
      null,
      then,
    );
    if (!r.ok) throw new Error(r.message);
    await changeBooking(ex.user, r.id, { action: "confirm" }, null, then);
    // The file in WAL mode before the scripts open it, as a running server leaves it.
    await db().selectFrom("JobRun").select("job").execute();

    const { ran, skipped } = await race("scripts/consult-remind.ts", {});
    expect(ran).toEqual([
      expect.stringMatching(/^consult:remind: 1 booking\(s\) tomorrow, 2 notice/),
    ]);
    expect(skipped).toHaveLength(2);
    expect(
      await countRows("Notification", (q) =>
        q.where("title", "=", "预约提醒（明天）").where("userId", "in", [e.user.id, ex.user.id]),
      ),
    ).toBe(2);
    expect(await countRows("AuditLog", (q) => q.where("action", "=", "BOOKING_REMIND"))).toBe(1);
  });

  it("files:purge run by three processes at once purges once, with one audit row", async () => {
    const filesDir = path.resolve(`tests/.tmp/cron-files-${process.pid}`);
    fs.mkdirSync(filesDir, { recursive: true });
    // An orphan two hours old: no row names it, so the purge deletes it.
    const orphan = path.join(filesDir, "orphan.pdf");
    fs.writeFileSync(orphan, "%PDF-1.4");
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(orphan, old, old);
    await db().selectFrom("JobRun").select("job").execute();

    const { ran, skipped } = await race("scripts/files-purge.ts", { FILES_DIR: filesDir });
    expect(ran).toEqual([
      expect.stringMatching(/^files:purge: 0 file\(s\) .* and 1 orphan\(s\) deleted/),
    ]);
    expect(skipped).toHaveLength(2);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(await countRows("AuditLog", (q) => q.where("action", "=", "FILES_PURGE"))).toBe(1);
    fs.rmSync(filesDir, { recursive: true, force: true });
  });
});
