// Scheduled jobs run once across instances (decision 0017), one suite for both dialects: a run
// claimed by many callers in two processes at once has exactly one winner; a finished run is
// never claimed again; a lease left by a dead process is taken over; a failed run is released.
import path from "node:path";
import { expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import { claimRun, finishRun, runOnce } from "#app/modules/jobs/claim.server.ts";
import { raceWithChild } from "./race-child.ts";

const child = path.resolve("tests/integration/job-claim.child.ts");

export function jobClaimSuite() {
  it("one winner: 20 claims here and 20 in a second process, at the same moment, for one run", async () => {
    // The file in WAL mode before the second process opens it, as a running server leaves it.
    await db().selectFrom("JobRun").select("job").execute();
    const [line, ours] = await raceWithChild(child, ["consult:remind", "2026-12-07", "20"], () =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          claimRun("consult:remind", "2026-12-07", 60_000, new Date(), `parent-${i}`),
        ),
      ),
    );
    const theirs = Number(line);
    expect(theirs + ours.filter(Boolean).length).toBe(1);
    const rows = await db()
      .selectFrom("JobRun")
      .selectAll()
      .where("runKey", "=", "2026-12-07")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("a finished run is not claimed again; another day's run is", async () => {
    const now = new Date();
    const claim = await claimRun("files:purge", "2026-12-08", 60_000, now, "a");
    expect(claim).not.toBeNull();
    expect(await claimRun("files:purge", "2026-12-08", 60_000, now, "b")).toBeNull();
    await finishRun(claim!);
    // Even long after the lease: finished is finished.
    const later = new Date(now.getTime() + 3600_000);
    expect(await claimRun("files:purge", "2026-12-08", 60_000, later, "b")).toBeNull();
    expect(await claimRun("files:purge", "2026-12-09", 60_000, later, "b")).not.toBeNull();
  });

  it("a claim left unfinished by a dead process is taken over once its lease is over, not before", async () => {
    const now = new Date();
    expect(await claimRun("consult:remind", "2026-12-10", 60_000, now, "dead")).not.toBeNull();
    const early = new Date(now.getTime() + 59_000);
    expect(await claimRun("consult:remind", "2026-12-10", 60_000, early, "b")).toBeNull();
    const late = new Date(now.getTime() + 60_000);
    expect(await claimRun("consult:remind", "2026-12-10", 60_000, late, "b")).toEqual({
      job: "consult:remind",
      runKey: "2026-12-10",
      by: "b",
    });
    // The dead process, were it to come back, cannot finish the run it lost.
    await finishRun({ job: "consult:remind", runKey: "2026-12-10", by: "dead" });
    const row = await db()
      .selectFrom("JobRun")
      .selectAll()
      .where("runKey", "=", "2026-12-10")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ claimedBy: "b", finishedAt: null });
  });

  it("runOnce: runs for the winner, reports the holder to the others, gives a failed run back", async () => {
    await expect(
      runOnce("files:purge", "2026-12-11", 60_000, () => Promise.reject(new Error("disk"))),
    ).rejects.toThrow("disk");
    const first = await runOnce("files:purge", "2026-12-11", 60_000, async () => 7);
    expect(first).toEqual({ ran: true, value: 7 });
    const again = await runOnce("files:purge", "2026-12-11", 60_000, async () => 8);
    expect(again).toMatchObject({ ran: false, finished: true });
  });
}
