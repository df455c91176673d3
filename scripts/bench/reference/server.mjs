// The reference server: Remix's own Express template (compression, static files, the request
// handler) without the request logger. PORT and REFERENCE_BUILD (the build directory) come
// from scripts/bench.ts; NODE_ENV is production.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";

const buildDir = path.resolve(process.env.REFERENCE_BUILD ?? "data/bench/reference/build");
const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);

const app = express();
app.use(compression());
app.disable("x-powered-by");
app.use(
  "/assets",
  express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }),
);
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: "production" }));

app.listen(Number(process.env.PORT ?? 3001), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
