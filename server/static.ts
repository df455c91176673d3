import express from "express";
import fs from "node:fs";
import path from "node:path";

/**
 * The built client files, each only under its own path (issue 14): fingerprinted files under
 * /assets (immutable), and the few top-level files (favicon.svg …) listed once at start. Every
 * other request goes straight to Remix, without a file-system lookup on the way.
 */
export function mountStatic(app: express.Express, dir: string): void {
  app.use("/assets", express.static(path.join(dir, "assets"), { immutable: true, maxAge: "1y" }));
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.resolve(dir, entry.name);
    if (entry.isFile()) files.set(`/${entry.name}`, full);
    else if (entry.isDirectory() && entry.name !== "assets")
      app.use(`/${entry.name}`, express.static(full, { maxAge: "1h" }));
  }
  app.use((req, res, next) => {
    const file = files.get(req.path);
    if (!file || (req.method !== "GET" && req.method !== "HEAD")) return next();
    res.sendFile(file, { maxAge: "1h" }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
}
