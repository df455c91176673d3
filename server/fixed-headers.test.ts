import express from "express";
import helmet from "helmet";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { fixedHeaders } from "./security.ts";

// Issue 14: the per-request work of the Express layer done once. helmet's headers are recorded
// at start (fixedHeaders), GETs skip the write limits, the nonce comes from a random pool.

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listen(app: express.Express) {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const HELMET = {
  contentSecurityPolicy: false,
  referrerPolicy: { policy: "same-origin" as const },
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
};

async function headersOf(middleware: express.RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get("/", (_req, res) => res.end("ok"));
  const res = await fetch(`${await listen(app)}/`);
  return [...res.headers].filter(([name]) => name !== "date");
}

describe("fixedHeaders: helmet's headers recorded once", () => {
  it("sends exactly the headers helmet sends, X-Powered-By removed", async () => {
    const direct = await headersOf(helmet(HELMET));
    expect(direct.length).toBeGreaterThan(8);
    expect(await headersOf(fixedHeaders(helmet(HELMET)))).toEqual(direct);
    expect(direct.map(([name]) => name)).not.toContain("x-powered-by");
  });

  it("refuses at start a middleware that reads the request or does not finish at once", () => {
    expect(() => fixedHeaders((req, _res, next) => (req.path ? next() : next()))).toThrow(
      /reads req.path/,
    );
    expect(() => fixedHeaders(() => undefined)).toThrow(/did not call next/);
  });
});

describe("the app's per-request context", () => {
  const start = (loginPerMinute = 1) =>
    listen(
      createApp({
        production: true,
        trustProxy: "false",
        loginPerMinute,
        postPerMinute: 100,
        maxFormBytes: 1024,
        clientIpHeader: "x-fzxt-client-ip",
        mount(app) {
          app.all("*", (_req, res) => res.json({ nonce: res.locals.cspNonce as string }));
        },
      }),
    );

  it("gives every request its own nonce and request id, past a refill of the random pool", async () => {
    const base = await start();
    const nonces = new Set<string>();
    const ids = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const res = await fetch(`${base}/x`);
      const { nonce } = (await res.json()) as { nonce: string };
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(res.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
      nonces.add(nonce);
      ids.add(res.headers.get("x-request-id") ?? "");
    }
    expect(nonces.size).toBe(600);
    expect(ids.size).toBe(600);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
  });

  it("does not count GETs against the login limit; POSTs still are", async () => {
    const base = await start(1);
    for (let i = 0; i < 5; i++) expect((await fetch(`${base}/login`)).status).toBe(200);
    const post = () =>
      fetch(`${base}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
        body: "a=b",
      });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
  });

  it("leaves req.query unparsed (nothing reads it; Remix reads the URL)", async () => {
    const app = createApp({
      production: true,
      trustProxy: "false",
      loginPerMinute: 1,
      postPerMinute: 100,
      maxFormBytes: 1024,
      clientIpHeader: "x-fzxt-client-ip",
      mount(app) {
        app.all("*", (req, res) => res.json({ query: req.query, url: req.url }));
      },
    });
    const res = await fetch(`${await listen(app)}/laws?q=a%20b&x[y]=1`);
    expect(await res.json()).toEqual({ query: {}, url: "/laws?q=a%20b&x[y]=1" });
  });
});
