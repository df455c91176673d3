import express from "express";
import fs from "node:fs";
import path from "node:path";

/**
 * The built client files, each only under its own path (issue 14): fingerprinted files under
 * /assets (immutable), and the few top-level files (favicon.svg …) listed once at start. Every
 * other request goes straight to Remix, without a file-system lookup on the way.
 */
// Set explicitly: the app's "no-store" for pages (server/app.ts) runs first and would otherwise
// stop the file server from adding its own Cache-Control.
const IMMUTABLE = "public, max-age=31536000, immutable";
const HOURLY = "public, max-age=3600";
const cacheFor = (value: string) => (res: express.Response) =>
  res.setHeader("Cache-Control", value);

export function mountStatic(app: express.Express, dir: string): void {
  app.use("/assets", express.static(path.join(dir, "assets"), { setHeaders: cacheFor(IMMUTABLE) }));
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.resolve(dir, entry.name);
    if (entry.isFile()) files.set(`/${entry.name}`, full);
    else if (entry.isDirectory() && entry.name !== "assets")
      app.use(`/${entry.name}`, express.static(full, { setHeaders: cacheFor(HOURLY) }));
  }
  app.use((req, res, next) => {
    const file = files.get(req.path);
    if (!file || (req.method !== "GET" && req.method !== "HEAD")) return next();
    res.sendFile(file, { headers: { "Cache-Control": HOURLY } }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
}
