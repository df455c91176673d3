import os from "node:os";
import { db, write } from "#app/data/db.server.ts";

// Scheduled jobs run once across instances (issue 13, decision 0017). Cron may start a job on
// every node of a cluster at the same minute; each run first claims its row in JobRun, keyed
// by the job and the run (the Beijing calendar day for the daily jobs). One INSERT … ON
// CONFLICT DO UPDATE … WHERE, atomic on both dialects: it inserts the claim, or takes over a
// claim whose lease ran out unfinished (its process died), or changes nothing (someone else
// holds it or finished it). Only the process whose row came back runs the job.

export type Claim = { job: string; runKey: string; by: string };

export type RunOutcome<T> =
  { ran: true; value: T } | { ran: false; holder: string; finished: boolean };

/** Who this process is in the claim row: host and pid. */
export const processName = () => `${os.hostname()}:${process.pid}`;

/** Claims one run of `job`; null when another process holds or has finished it. */
export async function claimRun(
  job: string,
  runKey: string,
  leaseMs: number,
  now = new Date(),
  by = processName(),
): Promise<Claim | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const won = await write((tx) =>
    tx
      .insertInto("JobRun")
      .values({ job, runKey, claimedBy: by, claimedAt: now, leaseUntil })
      .onConflict((oc) =>
        oc
          .columns(["job", "runKey"])
          .doUpdateSet({
            claimedBy: (eb) => eb.ref("excluded.claimedBy"),
            claimedAt: (eb) => eb.ref("excluded.claimedAt"),
            leaseUntil: (eb) => eb.ref("excluded.leaseUntil"),
          })
          .where("JobRun.finishedAt", "is", null)
          .where("JobRun.leaseUntil", "<=", now),
      )
      .returning("claimedBy")
      .execute(),
  );
  return won.length === 1 ? { job, runKey, by } : null;
}

/** Marks the run done: no later claim of the same run succeeds. */
export async function finishRun(claim: Claim, now = new Date()): Promise<void> {
  await write((tx) =>
    tx
      .updateTable("JobRun")
      .set({ finishedAt: now })
      .where("job", "=", claim.job)
      .where("runKey", "=", claim.runKey)
      .where("claimedBy", "=", claim.by)
      .execute(),
  );
}

/** Gives a failed run back at once (lease over, unfinished): the next start may try again. */
export async function releaseRun(claim: Claim, now = new Date()): Promise<void> {
  await write((tx) =>
    tx
      .updateTable("JobRun")
      .set({ leaseUntil: now })
      .where("job", "=", claim.job)
      .where("runKey", "=", claim.runKey)
      .where("claimedBy", "=", claim.by)
      .where("finishedAt", "is", null)
      .execute(),
  );
}

/**
 * Runs `fn` for this run of `job` only if this process wins the claim; marks it finished after,
 * or releases it when `fn` throws. `leaseMs` must exceed the job's longest run: past it, a
 * claim is taken for abandoned.
 */
export async function runOnce<T>(
  job: string,
  runKey: string,
  leaseMs: number,
  fn: () => Promise<T>,
): Promise<RunOutcome<T>> {
  const claim = await claimRun(job, runKey, leaseMs);
  if (!claim) {
    const row = await db()
      .selectFrom("JobRun")
      .select(["claimedBy", "finishedAt"])
      .where("job", "=", job)
      .where("runKey", "=", runKey)
      .executeTakeFirst();
    return { ran: false, holder: row?.claimedBy ?? "?", finished: row?.finishedAt != null };
  }
  let value: T;
  try {
    value = await fn();
  } catch (error) {
    await releaseRun(claim).catch(() => undefined);
    throw error;
  }
  await finishRun(claim);
  return { ran: true, value };
}
