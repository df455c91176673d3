import { sql } from "kysely";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import { compiled } from "#app/data/compiled.server.ts";
import { counterWrite, db, write } from "#app/data/db.server.ts";

// The request rate limits counted in the database, so every app instance on it counts into the
// same window (issue 13, decision 0017). One row per limiter and client address; a fixed window
// that starts at the key's first hit, as express-rate-limit's memory store does.

/**
 * One statement, atomic on both dialects: insert the key's first hit, or add one to its count,
 * or start a new window when the old one is over; the count and the window's end come back.
 */
const bump = compiled(3, (q, key: string, now: Date, resetAt: Date) =>
  q
    .insertInto("RateLimit")
    .values({ key, hits: 1, resetAt })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."hits" + 1 END`,
        resetAt: sql<Date>`CASE WHEN "RateLimit"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimit"."resetAt" END`,
      }),
    )
    .returning(["hits", "resetAt"]),
);

const unbump = compiled(2, (q, key: string, now: Date) =>
  q
    .updateTable("RateLimit")
    .set({ hits: sql<number>`"hits" - 1` })
    .where("key", "=", key)
    .where("hits", ">", 0)
    .where("resetAt", ">", now),
);

/**
 * How long a hit waits for the database (the write rule's bound is 5 s): past it the request
 * goes on uncounted (the limiter fails open) instead of waiting twice, here and for its own
 * write, behind a lock another process holds.
 */
export const COUNT_WAIT_MS = 1000;

/** Rows of windows that ended this long ago are deleted (by whichever instance comes first). */
const SWEEP_AFTER_MS = 10 * 60_000;

export class DatabaseRateLimitStore implements Store {
  /** Counts are shared between processes: the same key in two limiters must not collide. */
  readonly localKeys = false;
  private windowMs = 60_000;
  private nextSweep = 0;

  /**
   * `prefix` names the limiter ("login:", "post:"); the key is the prefix and the address.
   * `waitMs`: how long a hit may wait for the database (default COUNT_WAIT_MS).
   */
  constructor(
    readonly prefix: string,
    private readonly options: { waitMs?: number } = {},
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    const [row] = await counterWrite(
      bump.query(db(), this.prefix + key, now, new Date(now.getTime() + this.windowMs)),
      { waitMs: this.options.waitMs ?? COUNT_WAIT_MS },
    );
    if (now.getTime() >= this.nextSweep) this.sweep(now);
    return { totalHits: row!.hits, resetTime: row!.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await counterWrite(unbump.query(db(), this.prefix + key, new Date()));
  }

  async resetKey(key: string): Promise<void> {
    await write((tx) =>
      tx
        .deleteFrom("RateLimit")
        .where("key", "=", this.prefix + key)
        .execute(),
    );
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await db()
      .selectFrom("RateLimit")
      .select(["hits", "resetAt"])
      .where("key", "=", this.prefix + key)
      .where("resetAt", ">", new Date())
      .executeTakeFirst();
    return row ? { totalHits: row.hits, resetTime: row.resetAt } : undefined;
  }

  /** Drops this limiter's finished windows, at most once per window, off the request's path. */
  private sweep(now: Date): void {
    this.nextSweep = now.getTime() + this.windowMs;
    const before = new Date(now.getTime() - SWEEP_AFTER_MS);
    void write((tx) =>
      tx
        .deleteFrom("RateLimit")
        .where("key", "like", `${this.prefix}%`)
        .where("resetAt", "<", before)
        .execute(),
    ).catch(() => {
      // A busy database: the next window's sweep deletes them.
    });
  }
}
