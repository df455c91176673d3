import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type AppOptions } from "./app.ts";
import { gracefulShutdown } from "./shutdown.ts";

const IP_HEADER = "x-fzxt-client-ip";
const servers: Server[] = [];

async function start(overrides: Partial<AppOptions> = {}) {
  const app = createApp({
    production: true,
    trustProxy: "false",
    loginPerMinute: 3,
    postPerMinute: 100,
    maxFormBytes: 256 * 1024,
    clientIpHeader: IP_HEADER,
    mount(app) {
      app.all("*", (req, res) => res.json({ ip: req.headers[IP_HEADER], method: req.method }));
    },
    ...overrides,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

const form = "username=a&password=b";
const post = (base: string, path: string, headers: Record<string, string>, body: string = form) =>
  fetch(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
    redirect: "manual",
  });

describe("cross-site request refusal", () => {
  it("refuses a POST marked cross-site by the browser with a Chinese 403", async () => {
    const base = await start();
    const res = await post(base, "/account/profile", {
      "Sec-Fetch-Site": "cross-site",
      Origin: "http://evil.example",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("已拒绝跨站提交的请求");
  });

  it("refuses a POST whose Origin is another site", async () => {
    const base = await start();
    expect((await post(base, "/x", { Origin: "http://evil.example" })).status).toBe(403);
  });

  it("refuses a POST with neither Origin nor Sec-Fetch-Site", async () => {
    const base = await start();
    expect((await post(base, "/x", {})).status).toBe(403);
  });

  it("lets a same-origin POST through, and GETs always", async () => {
    const base = await start();
    expect((await post(base, "/x", { Origin: base, "Sec-Fetch-Site": "same-origin" })).status).toBe(
      200,
    );
    expect((await fetch(`${base}/x`, { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(
      200,
    );
  });
});

describe("request size", () => {
  it("refuses a 5 MB form body with 413 before reading it", async () => {
    const base = await start();
    const res = await post(
      base,
      "/login",
      { Origin: base },
      `username=${"a".repeat(5 * 1024 * 1024)}`,
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("提交的内容过大");
  });
});

describe("upload body limits are route-specific", () => {
  const bigBody = (mb: number) => `x=${"a".repeat(mb * 1024 * 1024)}`;
  it("lets 12 MB through to the booking form and a booking page (the routes check the files and answer 413 themselves), refuses it elsewhere", async () => {
    const base = await start();
    expect((await post(base, "/consult/new", { Origin: base }, bigBody(12))).status).toBe(200);
    expect((await post(base, "/consult/bookings/7", { Origin: base }, bigBody(12))).status).toBe(
      200,
    );
    // Read to the end and answered (not reset): the browser shows the page.
    const tooBig = await post(base, "/consult/bookings/7", { Origin: base }, bigBody(51));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain("文件过大");
    expect((await post(base, "/manage/events/7", { Origin: base }, bigBody(12))).status).toBe(200);
    expect((await post(base, "/manage/events/7/import", { Origin: base }, bigBody(1))).status).toBe(
      200,
    );
    expect((await post(base, "/manage/events/7/import", { Origin: base }, bigBody(3))).status).toBe(
      413,
    );
    expect((await post(base, "/consult/bookings/7/ics", { Origin: base }, bigBody(1))).status).toBe(
      413,
    );
    expect((await post(base, "/account/profile", { Origin: base }, bigBody(1))).status).toBe(413);
  });
});

describe("rate limits", () => {
  it("limits logins per client address with a Chinese 429", async () => {
    const base = await start({ loginPerMinute: 3 });
    for (let i = 0; i < 3; i++)
      expect((await post(base, "/login", { Origin: base })).status).toBe(200);
    const res = await post(base, "/login", { Origin: base });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("请求过于频繁");
  });

  it("is not reset by a forged X-Forwarded-For when no proxy is trusted", async () => {
    const base = await start({ loginPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await post(base, "/login", { Origin: base, "X-Forwarded-For": `10.0.0.${i}` })).status,
      );
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("keys on X-Forwarded-For only behind a configured trusted proxy", async () => {
    const base = await start({ loginPerMinute: 1, trustProxy: "loopback" });
    expect(
      (await post(base, "/login", { Origin: base, "X-Forwarded-For": "10.0.0.1" })).status,
    ).toBe(200);
    expect(
      (await post(base, "/login", { Origin: base, "X-Forwarded-For": "10.0.0.2" })).status,
    ).toBe(200);
    expect(
      (await post(base, "/login", { Origin: base, "X-Forwarded-For": "10.0.0.2" })).status,
    ).toBe(429);
  });

  it("limits bookings and booking uploads to a quarter of the POST budget", async () => {
    const base = await start({ postPerMinute: 8 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await post(base, "/consult/new", { Origin: base })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await post(base, "/account/profile", { Origin: base })).status).toBe(200);
  });

  it("limits registrations like logins", async () => {
    const base = await start({ loginPerMinute: 1 });
    expect((await post(base, "/register", { Origin: base })).status).toBe(200);
    expect((await post(base, "/register", { Origin: base })).status).toBe(429);
  });

  it("limits the people picker's searches (GETs) per address, apart from other pages (issue 17)", async () => {
    const base = await start({ postPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${base}/manage/people-search?q=%E5%BC%A0%E4%B8%89`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await fetch(`${base}/manage/units`)).status).toBe(200);
  });

  it("limits anonymous readers of the public 政策解读 pages (every method), not signed-in ones, apart from other pages (issue 20)", async () => {
    const base = await start({
      postPerMinute: 2,
      signedIn: async (req) => req.headers.cookie === "fzxt_session=live",
    });
    const statuses = [];
    for (const path of ["/policy", "/policy/3", "/policy/3?v=1"])
      statuses.push((await fetch(base + path)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await fetch(`${base}/policy/3`, { method: "HEAD" })).status).toBe(429);
    expect(
      (await fetch(`${base}/policy/3`, { headers: { Cookie: "fzxt_session=live" } })).status,
    ).toBe(200);
    expect((await fetch(`${base}/laws`)).status).toBe(200);
    expect((await fetch(`${base}/policy/readings`)).status).toBe(200);
  });

  it("limits every POST, not only logins", async () => {
    const base = await start({ postPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await post(base, "/admin/users/new", { Origin: base })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe("security headers", () => {
  it("sends an enforced CSP with a fresh nonce per request, nosniff, Referrer-Policy and frame-ancestors 'none'", async () => {
    const base = await start();
    const a = await fetch(`${base}/`);
    const b = await fetch(`${base}/`);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(a.headers.get("content-security-policy-report-only")).toBeNull();
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
    expect(a.headers.get("cache-control")).toBe("no-store");
  });

  it("overwrites a client-supplied client-IP header with the real address", async () => {
    const base = await start();
    const res = await fetch(`${base}/`, { headers: { [IP_HEADER]: "1.2.3.4" } });
    expect(((await res.json()) as { ip: string }).ip).toMatch(/127\.0\.0\.1/);
  });
});

describe("graceful shutdown", () => {
  it("lets an in-flight request finish, refuses new connections, then exits", async () => {
    const express = (await import("express")).default;
    const app = express();
    app.get("/slow", (_req, res) => setTimeout(() => res.send("done"), 300));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let exitCode: number | null = null;
    const exited = new Promise<void>((resolve) => {
      const shutdown = gracefulShutdown(server, {
        timeoutMs: 5000,
        exit: (code) => ((exitCode = code), resolve()),
      });
      const inFlight = fetch(`${base}/slow`).then((r) => r.text());
      setTimeout(async () => {
        shutdown("SIGTERM");
        await expect(fetch(`${base}/slow`)).rejects.toThrow();
        expect(await inFlight).toBe("done");
      }, 50);
    });
    await exited;
    expect(exitCode).toBe(0);
  });
});

describe("request id header", () => {
  it("carries the server's request id into the app, never the one a client sent (the session lookup per request keys on it)", async () => {
    const ID_HEADER = "x-fzxt-request-id";
    const base = await start({
      requestIdHeader: ID_HEADER,
      mount(app) {
        app.all("*", (req, res) => res.json({ id: req.headers[ID_HEADER] }));
      },
    });
    const res = await fetch(`${base}/learn`, { headers: { [ID_HEADER]: "forged" } });
    const { id } = (await res.json()) as { id: string };
    expect(id).not.toBe("forged");
    expect(id).toBe(res.headers.get("X-Request-Id"));
  });
});
