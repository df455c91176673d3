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

/**
 * The same for two keys in one statement (one write, one commit): a request two limiters count,
 * the booking's and the general POST limit (`countsAlso`). The rows come back with their keys.
 */
const bumpTwo = compiled((q, key: string, other: string, now: Date, resetAt: Date) =>
  q
    .insertInto("RateLimit")
    .values([
      { key, hits: 1, resetAt },
      { key: other, hits: 1, resetAt },
    ])
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."hits" + 1 END`,
        resetAt: sql<Date>`CASE WHEN "RateLimit"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimit"."resetAt" END`,
      }),
    )
    .returning(["key", "hits", "resetAt"]),
);

/**
 * How long a hit counted ahead for another limiter (`countsAlso`) waits for that limiter's own
 * call: the request reaches it within the same tick or a few; one refused before it (by the
 * first limit) leaves its hit behind, which then no longer stands in for a later request's.
 */
const AHEAD_MS = 1000;
/** Hits counted ahead and not yet taken, at most this many keys before they are dropped. */
const AHEAD_MAX_KEYS = 10_000;

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
  /** Another limiter's store this one counts in the same statement (`countsAlso`). */
  private also: DatabaseRateLimitStore | null = null;
  /** Hits another store counted for this one, by key, oldest first, with when they were counted. */
  private readonly ahead = new Map<string, { at: number; info: ClientRateLimitInfo }[]>();

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

  /**
   * A request this limiter counts then meets `other`'s limit next (the booking's limit, then the
   * general POST limit): both hits in one statement, one write instead of two. `other`'s hit
   * waits for its own `increment` of the same key (within AHEAD_MS), which then writes nothing.
   * The count is the same; a request the first limit refuses is counted by both, as it was
   * counted by the first only before (the general limit is the larger, and the count evens out:
   * its left hit stands in for the next request's).
   */
  countsAlso(other: Store): void {
    if (other instanceof DatabaseRateLimitStore && other !== this) this.also = other;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    const early = this.takeAhead(key, now.getTime());
    if (early) return early;
    if (this.also) return this.incrementBoth(key, this.also, now);
    const [row] = await counterWrite(
      bump.query(db(), this.prefix + key, now, new Date(now.getTime() + this.windowMs)),
      { waitMs: this.options.waitMs ?? COUNT_WAIT_MS },
    );
    if (now.getTime() >= this.nextSweep) this.sweep(now);
    return { totalHits: row!.hits, resetTime: row!.resetAt };
  }

  private async incrementBoth(
    key: string,
    other: DatabaseRateLimitStore,
    now: Date,
  ): Promise<ClientRateLimitInfo> {
    const mine = this.prefix + key;
    const theirs = other.prefix + key;
    const rows = await counterWrite(
      bumpTwo.query(db(), mine, theirs, now, new Date(now.getTime() + this.windowMs)),
      { waitMs: this.options.waitMs ?? COUNT_WAIT_MS },
    );
    let info: ClientRateLimitInfo | undefined;
    for (const row of rows) {
      const got = { totalHits: row.hits, resetTime: row.resetAt };
      if (row.key === mine) info = got;
      else if (row.key === theirs) other.putAhead(key, now.getTime(), got);
    }
    if (now.getTime() >= this.nextSweep) this.sweep(now);
    if (now.getTime() >= other.nextSweep) other.sweep(now);
    return info!;
  }

  private putAhead(key: string, at: number, info: ClientRateLimitInfo): void {
    if (this.ahead.size >= AHEAD_MAX_KEYS && !this.ahead.has(key)) this.ahead.clear();
    const list = this.ahead.get(key);
    if (list) list.push({ at, info });
    else this.ahead.set(key, [{ at, info }]);
  }

  /** A hit counted ahead for this key, if one is fresh; stale ones are dropped. */
  private takeAhead(key: string, now: number): ClientRateLimitInfo | undefined {
    const list = this.ahead.get(key);
    if (!list) return undefined;
    let hit: { at: number; info: ClientRateLimitInfo } | undefined;
    while ((hit = list.shift()) && now - hit.at > AHEAD_MS);
    if (list.length === 0) this.ahead.delete(key);
    return hit?.info;
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
