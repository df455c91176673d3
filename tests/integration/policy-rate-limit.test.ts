// Issue 20 part B: the public 政策解读 pages (/policy, /policy/<id>) are readable without login
// (decision 0023), so anonymous readers are rate limited per address in the shared store
// (decision 0017); a live session is not counted, a made-up or ended session cookie is.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";
import { createSession, deleteSessionByToken, hasLiveSession } from "#app/utils/session.server.ts";
import { createApp } from "#server/app.ts";
import { makeUser } from "./helpers.ts";
import { sessionCookie } from "./session-helpers.ts";

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

const LIMIT = 3;
let base = "";

beforeAll(async () => {
  const server = createApp({
    production: true,
    trustProxy: "false",
    loginPerMinute: 3,
    postPerMinute: LIMIT,
    maxFormBytes: 64 * 1024,
    clientIpHeader: "x-fzxt-client-ip",
    rateLimitStore: (name) => new DatabaseRateLimitStore(name),
    signedIn: (req) => hasLiveSession(req.headers.cookie),
    mount: (a) => a.all("*", (_req, res) => res.json({ ok: true })),
  }).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  servers.push(server);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

const clearPolicyCounts = () =>
  write((tx) => tx.deleteFrom("RateLimit").where("key", "like", "policy:%").execute());

async function statuses(paths: string[], cookie?: string): Promise<number[]> {
  const out: number[] = [];
  for (const p of paths)
    out.push((await fetch(base + p, { headers: cookie ? { Cookie: cookie } : {} })).status);
  return out;
}

async function staffSession() {
  const user = await makeUser({ role: "STAFF" });
  const token = await write((tx) => createSession(tx, user.id, "127.0.0.1"));
  return { token, cookie: await sessionCookie(token) };
}

describe("rate limit of the public 政策解读 pages (anonymous readers)", () => {
  it("answers the anonymous reader past the budget with a Chinese 429, counted per address in the database", async () => {
    await clearPolicyCounts();
    const got = await statuses(["/policy", "/policy/1", "/policy?page=2", "/policy/7"]);
    expect(got).toEqual([200, 200, 200, 429]);
    const res = await fetch(`${base}/policy`);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("请求过于频繁");
    const row = await db()
      .selectFrom("RateLimit")
      .select("hits")
      .where("key", "=", "policy:127.0.0.1")
      .executeTakeFirstOrThrow();
    expect(row.hits).toBe(5);
    // Other pages keep their own budgets.
    expect((await fetch(`${base}/laws`)).status).toBe(200);
    expect((await fetch(`${base}/policy/manage`)).status).toBe(200);
  });

  it("does not count a signed-in reader with a live session", async () => {
    await clearPolicyCounts();
    const { cookie } = await staffSession();
    expect(await statuses(Array(LIMIT + 3).fill("/policy/1"), cookie)).toEqual(
      Array(LIMIT + 3).fill(200),
    );
  });

  it("counts a made-up session cookie and an ended session as anonymous", async () => {
    await clearPolicyCounts();
    const made = `fzxt_session=${encodeURIComponent(btoa(JSON.stringify("A".repeat(43))))}`;
    const { token, cookie } = await staffSession();
    await write((tx) => deleteSessionByToken(tx, token));
    expect(await statuses(["/policy", "/policy"], made)).toEqual([200, 200]);
    expect(await statuses(["/policy", "/policy"], cookie)).toEqual([200, 429]);
  });
});
