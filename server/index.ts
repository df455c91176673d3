import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { withBusyAnswer } from "#app/data/busy.server.ts";
import { databaseFile, ensureDbReady } from "#app/data/ready.server.ts";
import { env } from "#app/utils/env.server.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER } from "#app/utils/request.server.ts";
import { hasLiveSession } from "#app/utils/session.server.ts";
import { holdDatabase } from "#app/utils/server-lock.server.ts";
import { createApp } from "./app.ts";
import { gracefulShutdown } from "./shutdown.ts";
import { mountStatic } from "./static.ts";

const config = env();
const production = config.NODE_ENV === "production";

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const REMIX_BUILD = "../build/server/index.js";

const wrapped = new WeakMap<ServerBuild, ServerBuild>();

async function loadBuild(): Promise<ServerBuild> {
  const build = viteDevServer
    ? ((await viteDevServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
    : // A variable, so neither TypeScript nor esbuild follows it: the Remix build
      // exists only after `npm run build` and is loaded at run time.
      ((await import(REMIX_BUILD)) as ServerBuild);
  // A busy database answers 503 + Retry-After on every route (app/data/busy.server.ts).
  let busy = wrapped.get(build);
  if (!busy) wrapped.set(build, (busy = withBusyAnswer(build)));
  return busy;
}

// Production: the build object itself, loaded once. Given a function, Remix rebuilds its route
// tables and static handler on every request (issue 14); development wants exactly that, to
// pick up edits.
const build = viteDevServer ? loadBuild : await loadBuild();

const app = createApp({
  production,
  trustProxy: config.TRUST_PROXY,
  loginPerMinute: config.RATE_LIMIT_LOGIN_PER_MINUTE,
  postPerMinute: config.RATE_LIMIT_POST_PER_MINUTE,
  maxFormBytes: config.MAX_FORM_BYTES,
  clientIpHeader: CLIENT_IP_HEADER,
  requestIdHeader: REQUEST_ID_HEADER,
  // Counted in the database: every instance on it shares each client's budget (decision 0017).
  rateLimitStore: (name) => new DatabaseRateLimitStore(name),
  // The public 政策解读 pages spare signed-in readers (server/app.ts).
  signedIn: (req) => hasLiveSession(req.headers.cookie),
  mount(app) {
    if (viteDevServer) {
      app.use(viteDevServer.middlewares);
    } else {
      mountStatic(app, "build/client");
    }
    const getLoadContext = (_req: express.Request, res: express.Response) => ({
      cspNonce: res.locals.cspNonce as string,
      requestId: res.locals.requestId as string,
    });
    app.all("*", createRequestHandler({ build, mode: config.NODE_ENV, getLoadContext }));
  },
});

// The database is reached before the first request (a wrong DATABASE_URL stops the start);
// on SQLite, Prisma's connection gets its pragmas too while modules remain on it.
await ensureDbReady();
// db:restore refuses while this pid file is beside the SQLite database (removed at exit).
const file = databaseFile();
if (file) holdDatabase(file);

const onListening = () => {
  const shown = config.HOST && !/^(0\.0\.0\.0|::)$/.test(config.HOST) ? config.HOST : "localhost";
  console.log(
    `法治学堂 listening on http://${shown.includes(":") ? `[${shown}]` : shown}:${config.PORT} (${config.NODE_ENV})`,
  );
};
// HOST unset: every interface, as Node's default.
const server = config.HOST
  ? app.listen(config.PORT, config.HOST, onListening)
  : app.listen(config.PORT, onListening);

const shutdown = gracefulShutdown(server, {
  timeoutMs: 10_000,
  exit: (code) => process.exit(code),
  log: console.log,
});
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
