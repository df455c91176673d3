import express from "express";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "./app.ts";
import { mountStatic } from "./static.ts";

// Issue 14: what the request path does (and does not do) before Remix sees a request.
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  vi.restoreAllMocks();
});

async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fzxt-static-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets/app-1234.js"), "console.log(1)");
  fs.writeFileSync(path.join(dir, "favicon.svg"), "<svg/>");
  return dir;
}

function appWith(dir: string, production = true) {
  return createApp({
    production,
    trustProxy: "false",
    loginPerMinute: 10,
    postPerMinute: 100,
    maxFormBytes: 256 * 1024,
    clientIpHeader: "x-fzxt-client-ip",
    mount(app) {
      mountStatic(app, dir);
      app.all("*", (_req, res) => res.type("html").send(`<p>${"页面".repeat(2000)}</p>`));
    },
  });
}

describe("static files", () => {
  it("serves build files only under /assets and the top-level files listed at start, so an app route never touches the file system", async () => {
    const dir = clientDir();
    const base = await listen(appWith(dir));
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe("console.log(1)");
    const favicon = await fetch(`${base}/favicon.svg`);
    expect(await favicon.text()).toBe("<svg/>");
    // A file named like an app route (added after start): an unprefixed static handler would
    // stat it and serve it; here the app answers.
    fs.writeFileSync(path.join(dir, "learn"), "not the page");
    const stat = vi.spyOn(fs, "stat");
    const page = await fetch(`${base}/learn`);
    expect(await page.text()).toContain("页面");
    expect(stat).not.toHaveBeenCalled();
  });

  it("lets browsers keep fingerprinted /assets files for a year and top-level files for an hour, while pages stay no-store", async () => {
    const base = await listen(appWith(clientDir()));
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const favicon = await fetch(`${base}/favicon.svg`);
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
    const page = await fetch(`${base}/learn`);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const missing = await fetch(`${base}/assets/none.js`);
    expect(missing.headers.get("cache-control")).toBe("no-store");
  });
});

describe("compression", () => {
  it("compresses only when the client sends Accept-Encoding, and leaves other responses untouched", async () => {
    const base = await listen(appWith(clientDir()));
    const plain = await fetch(`${base}/about`, { headers: { "Accept-Encoding": "" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBeNull(); // compression() would add it even here
    expect(await plain.text()).toContain("页面");
    const res = await new Promise<{ encoding?: string; body: string }>((resolve, reject) => {
      const url = new URL(`${base}/about`);
      import("node:http").then(({ get }) =>
        get(url, { headers: { "Accept-Encoding": "gzip" } }, (r) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () =>
            resolve({
              encoding: r.headers["content-encoding"],
              body: zlib.gunzipSync(Buffer.concat(chunks)).toString(),
            }),
          );
        }).on("error", reject),
      );
    });
    expect(res.encoding).toBe("gzip");
    expect(res.body).toContain("页面");
  });
});

describe("content security policy", () => {
  it("sends the policy fixed at start with this request's nonce (enforced in production, report-only in development)", async () => {
    const base = await listen(appWith(clientDir()));
    const a = (await fetch(`${base}/about`)).headers.get("content-security-policy");
    const b = (await fetch(`${base}/about`)).headers.get("content-security-policy");
    const nonce = (csp: string | null) => /'nonce-([A-Za-z0-9+/=]{22,})'/.exec(csp ?? "")?.[1];
    expect(nonce(a)).toBeDefined();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a).toBe(
      `default-src 'self';script-src 'self' 'nonce-${nonce(a)}';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'`,
    );
    const dev = await listen(appWith(clientDir(), false));
    const res = await fetch(`${dev}/about`);
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(res.headers.get("content-security-policy-report-only")).toContain(
      "style-src 'self' 'unsafe-inline'",
    );
  });
});
