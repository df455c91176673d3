// Issue 13: the request rate limits shared by every instance on one SQLite file (decision 0017).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db, faults, walSyncCount, write } from "#app/data/db.server.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";
import { createApp } from "#server/app.ts";
import { rateLimitKey } from "#server/security.ts";
import { holdWriteLock } from "./hold-lock.ts";
import { rateLimitSuite } from "./rate-limit-suite.ts";
import { PG_MODE } from "../setup/test-db.ts";

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** The real middleware stack with the database store; the app behind it answers 200. */
async function app(path = "/login") {
  const server = createApp({
    production: true,
    trustProxy: "false",
    loginPerMinute: 3,
    postPerMinute: 100,
    maxFormBytes: 64 * 1024,
    clientIpHeader: "x-fzxt-client-ip",
    rateLimitStore: (name) => new DatabaseRateLimitStore(name),
    mount: (a) => a.all("*", (_req, res) => res.json({ ok: true })),
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return () =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
      body: "username=a&password=b",
    }).then((r) => r.status);
}

// SQLite itself (a second process holding its file lock, the WAL sync): skipped in the
// integration suite's PostgreSQL mode; tests/pg/rate-limit-store.test.ts is the PostgreSQL twin.
describe.skipIf(PG_MODE)("the shared rate limit store on SQLite", () => {
  rateLimitSuite();

  it("the app's limits count in the database: the 4th login attempt of 3 per minute is 429", async () => {
    const login = await app();
    expect([await login(), await login(), await login(), await login()]).toEqual([
      200, 200, 200, 429,
    ]);
    const row = await db()
      .selectFrom("RateLimit")
      .select("hits")
      .where("key", "=", "login:127.0.0.1")
      .executeTakeFirstOrThrow();
    expect(row.hits).toBe(4);
  });

  it("a booking POST passes the booking and the general POST limit with one counter write: each counts it once, the booking's refuses the 26th of 100/4", async () => {
    const book = await app("/consult/new");
    const hits = async (key: string) =>
      (await db().selectFrom("RateLimit").select("hits").where("key", "=", key).executeTakeFirst())
        ?.hits;
    const before = (await hits("post:127.0.0.1")) ?? 0;
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++) statuses.push(await book());
    expect(statuses.slice(0, 25)).toEqual(Array.from({ length: 25 }, () => 200));
    expect(statuses[25]).toBe(429);
    expect(await hits("consult:127.0.0.1")).toBe(26);
    // The refused one is counted by the general limit too (its hit was written with the
    // booking limit's), where before only the booking limit counted it.
    expect(await hits("post:127.0.0.1")).toBe(before + 26);
  });

  it("rateLimitKey: express-rate-limit's key per address, kept (IPv4-mapped to IPv4, IPv6 to its /56)", () => {
    const key = (ip: string | undefined) =>
      rateLimitKey({ ip } as Parameters<typeof rateLimitKey>[0]);
    expect(key("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(key("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(key("10.1.2.3")).toBe("10.1.2.3");
    expect(key("2001:db8:1234:5678::1")).toBe("2001:db8:1234:5600::/56");
    expect(key("2001:db8:1234:56ff::2")).toBe("2001:db8:1234:5600::/56");
  });

  it("fails open within a second while another process holds the write lock (the request is not held twice)", async () => {
    const login = await app();
    await db().selectFrom("RateLimit").select("key").execute();
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    const { released } = await holdWriteLock(file, 3000);
    const started = Date.now();
    // Past the limit already (previous test), yet let through uncounted: the store cannot count.
    expect(await login()).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    await released;
    expect(await login()).toBe(429);
  });

  it("a counter write never joins a transaction open on the connection: it waits for it, and counts even when that transaction rolls back", async () => {
    const store = new DatabaseRateLimitStore("post:");
    store.init({ windowMs: 60_000 } as Parameters<typeof store.init>[0]);
    let counted: Promise<number> | undefined;
    await expect(
      write(async (tx) => {
        await tx
          .insertInto("RateLimit")
          .values({ key: "post:rolled-back", hits: 9, resetAt: new Date(Date.now() + 60_000) })
          .execute();
        // While this transaction is open, a hit arrives (the write waits between statements).
        counted = store.increment("10.0.0.11").then((r) => r.totalHits);
        await new Promise((r) => setTimeout(r, 20));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await counted).toBe(1);
    expect((await store.get("10.0.0.11"))?.totalHits).toBe(1);
    expect(await store.get("rolled-back")).toBeUndefined();
    // With no transaction open it is counted at once, on the shared connection.
    expect((await store.increment("10.0.0.11")).totalHits).toBe(2);
  });

  it("a counter write does not wait for the WAL sync that every other write waits for (decision 0025)", async () => {
    faults.walSync = () => new Promise<void>(() => undefined); // a sync that never ends
    try {
      const before = walSyncCount();
      const store = new DatabaseRateLimitStore("login:");
      expect((await store.increment("10.0.0.7")).totalHits).toBe(1);
      // Also on the write rule's path (a transaction open elsewhere, or another process's lock).
      await write((tx) => tx.selectFrom("RateLimit").select("key").execute(), { counter: true });
      expect(walSyncCount()).toBe(before);
    } finally {
      faults.walSync = undefined;
    }
  });
});
