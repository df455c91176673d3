// Issue 11 items 2 and 16: only GET, HEAD and POST reach the app; every rate limit counts
// every method; refusals are logged as one line without a stack or a submitted value.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { captureLog, type RequestLogRecord } from "#app/utils/log.server.ts";
import { createApp } from "./app.ts";

const servers: Server[] = [];
const reached: string[] = [];

async function start(loginPerMinute = 3) {
  const app = createApp({
    production: true,
    trustProxy: "false",
    loginPerMinute,
    postPerMinute: 100,
    maxFormBytes: 256 * 1024,
    clientIpHeader: "x-fzxt-client-ip",
    mount(app) {
      app.all("*", (req, res) => {
        reached.push(req.method);
        res.json({ method: req.method });
      });
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  reached.length = 0;
});

const SECRET = "Sup3r-Secret!pw";
const send = (base: string, method: string, path: string) =>
  fetch(base + path, {
    method,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
      "Sec-Fetch-Site": "same-origin",
    },
    body: method === "GET" || method === "HEAD" ? undefined : `username=admin&password=${SECRET}`,
    redirect: "manual",
  });

describe("only GET, HEAD and POST reach the app", () => {
  it.each(["PUT", "PATCH", "DELETE", "OPTIONS"])(
    "answers %s with 405 and an Allow header before the app sees it",
    async (method) => {
      const base = await start(1000);
      const res = await send(base, method, "/login");
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
      if (method !== "OPTIONS") expect(await res.text()).toContain("不支持该请求方法");
      expect(reached).toEqual([]);
    },
  );

  it("lets GET, HEAD and POST through", async () => {
    const base = await start(1000);
    for (const method of ["GET", "HEAD", "POST"])
      expect((await send(base, method, "/x")).status).toBe(200);
    expect(reached).toEqual(["GET", "HEAD", "POST"]);
  });
});

describe("every rate limit counts every method", () => {
  it("counts PUT, PATCH and DELETE /login against the login limit", async () => {
    const base = await start(3);
    for (const method of ["PUT", "PATCH", "DELETE"])
      expect((await send(base, method, "/login")).status).toBe(405);
    const res = await send(base, "POST", "/login");
    expect(res.status).toBe(429);
    expect(reached).toEqual([]);
  });

  it("50 parallel PUT /login are all refused and leave the login budget spent", async () => {
    const base = await start(10);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => send(base, "PUT", "/login").then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 405 || s === 429)).toBe(true);
    expect((await send(base, "POST", "/login")).status).toBe(429);
    expect(reached).toEqual([]);
  });
});

describe("refusals are logged without stack traces or submitted values", () => {
  it("logs a 405 and a 403 as request id, route, status and reason", async () => {
    const records: RequestLogRecord[] = [];
    const restore = captureLog(records);
    try {
      const base = await start(1000);
      const put = await send(base, "PUT", "/login?password=" + SECRET);
      const crossSite = await fetch(`${base}/account/password`, {
        method: "POST",
        headers: {
          Origin: "http://evil.example",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: `newPassword=${SECRET}`,
      });
      expect(crossSite.status).toBe(403);
      expect(records).toEqual([
        {
          level: "warn",
          requestId: put.headers.get("x-request-id"),
          method: "PUT",
          route: "/login",
          status: 405,
          reason: "method not allowed",
        },
        {
          level: "warn",
          requestId: crossSite.headers.get("x-request-id"),
          method: "POST",
          route: "/account/password",
          status: 403,
          reason: "cross-site request",
        },
      ]);
      expect(JSON.stringify(records)).not.toContain(SECRET);
    } finally {
      restore();
    }
  });
});
