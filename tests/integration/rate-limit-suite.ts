// The shared rate limit's store (decision 0017), one suite for both dialects: the count is one
// atomic UPSERT per hit, so two processes hitting one key get every count from 1 to N exactly
// once, whatever the interleaving; windows restart; limiters and addresses count apart.
import path from "node:path";
import { expect, it } from "vitest";
import { db, WRITE_WAIT_MS } from "#app/data/db.server.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";
import { raceWithChild } from "./race-child.ts";

const child = path.resolve("tests/integration/rate-limit.child.ts");

/**
 * The `i`th hit of a burst, 2 ms after the one before, as requests arrive: on SQLite a hit with no
 * transaction open is counted synchronously (counterNow), so a burst made in one tick would all
 * be counted before the other process's first and the two would not race.
 */
export const staggered = (i: number) => new Promise((r) => setTimeout(r, 2 * i));

// The write rule's full bound: these tests are about atomicity, not about failing open.
function store(prefix: string, windowMs = 60_000) {
  const s = new DatabaseRateLimitStore(prefix, { waitMs: WRITE_WAIT_MS });
  s.init({ windowMs } as Parameters<typeof s.init>[0]);
  return s;
}

export function rateLimitSuite() {
  it("the shared limit: two processes hitting one key at once count every hit once (1…N, no gaps, no repeats)", async () => {
    const N = 60;
    const here = store("login:");
    // The file in WAL mode before the second process opens it, as a running server leaves it.
    await db().selectFrom("RateLimit").select("key").execute();
    // Every attempt must count exactly; at least one must really race (neither process got all
    // of its counts before the other's first). On a loaded machine one process can be
    // descheduled for the whole burst, so up to three attempts, each on a fresh key.
    let raced = false;
    for (let attempt = 1; attempt <= 3 && !raced; attempt++) {
      const key = `10.0.1.${attempt}`;
      const [line, ours] = await raceWithChild(child, ["login:", key, String(N)], () =>
        Promise.all(
          Array.from({ length: N }, (_, i) =>
            staggered(i).then(() => here.increment(key).then((r) => r.totalHits)),
          ),
        ),
      );
      const theirs = JSON.parse(line) as number[];
      const all = [...theirs, ...ours].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 2 * N }, (_, i) => i + 1));
      expect((await here.get(key))?.totalHits).toBe(2 * N);
      raced = Math.min(...theirs) < Math.max(...ours) && Math.min(...ours) < Math.max(...theirs);
    }
    expect(raced).toBe(true);
  });

  it("limiters and addresses count apart; a finished window starts again at 1", async () => {
    const a = store("post:", 300);
    const b = store("verify:", 300);
    expect((await a.increment("10.0.0.2")).totalHits).toBe(1);
    expect((await a.increment("10.0.0.2")).totalHits).toBe(2);
    expect((await b.increment("10.0.0.2")).totalHits).toBe(1);
    expect((await a.increment("10.0.0.3")).totalHits).toBe(1);
    const first = await a.increment("10.0.0.2");
    expect(first.totalHits).toBe(3);
    expect(first.resetTime!.getTime() - Date.now()).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 350));
    const next = await a.increment("10.0.0.2");
    expect(next.totalHits).toBe(1);
    expect(next.resetTime!.getTime()).toBeGreaterThan(first.resetTime!.getTime());
    await a.decrement("10.0.0.2");
    expect((await a.get("10.0.0.2"))?.totalHits).toBe(0);
    await a.resetKey("10.0.0.2");
    expect(await a.get("10.0.0.2")).toBeUndefined();
  });

  it("finished windows are swept by the next hit of the same limiter", async () => {
    const s = store("register:", 60_000);
    await s.increment("10.0.0.9");
    // A window that ended 11 minutes ago, as another instance left it.
    await db()
      .updateTable("RateLimit")
      .set({ resetAt: new Date(Date.now() - 11 * 60_000) })
      .where("key", "=", "register:10.0.0.9")
      .execute();
    const fresh = store("register:", 60_000);
    await fresh.increment("10.0.0.8");
    await expect
      .poll(async () =>
        db().selectFrom("RateLimit").select("key").where("key", "=", "register:10.0.0.9").execute(),
      )
      .toEqual([]);
  });
  it("countsAlso: the booking limit counts the general POST limit's hit in the same statement, and the POST limit's own call takes it without a write", async () => {
    const consult = store("consult:");
    const post = store("post:");
    consult.countsAlso(post);
    const ip = "10.0.0.21";
    // Another POST first: the general limit already at 1.
    expect((await post.increment(ip)).totalHits).toBe(1);
    for (let i = 1; i <= 3; i++) {
      expect((await consult.increment(ip)).totalHits).toBe(i);
      // Counted already, by the booking limit's statement.
      expect((await post.get(ip))?.totalHits).toBe(i + 1);
      // The POST limit's own call for this request answers that count and writes nothing.
      expect((await post.increment(ip)).totalHits).toBe(i + 1);
      expect((await post.get(ip))?.totalHits).toBe(i + 1);
    }
    // A request the booking limit refused never reaches the POST limit: its hit stands in for
    // the next POST's within a second (the same count), and is dropped after that.
    await consult.increment(ip);
    expect((await post.increment(ip)).totalHits).toBe(5);
    expect((await post.get(ip))?.totalHits).toBe(5);
    await consult.increment(ip);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await post.increment(ip)).totalHits).toBe(7);
    // Other addresses are not touched.
    expect(await post.get("10.0.0.22")).toBeUndefined();
  });
}
