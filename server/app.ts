import compression from "compression";
import express, { type RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import {
  bodyLimit,
  contentSecurityPolicy,
  originCheck,
  requestContext,
  sendErrorPage,
} from "./security.ts";

export type AppOptions = {
  production: boolean;
  trustProxy: string;
  loginPerMinute: number;
  postPerMinute: number;
  maxFormBytes: number;
  clientIpHeader: string;
  /** Static file handlers and the Remix handler, mounted after the security middleware. */
  mount: (app: express.Express) => void;
};

function trustProxySetting(value: string): boolean | string | number {
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function createApp(opts: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Off by default: X-Forwarded-For is then ignored, so a forged one cannot reset a rate limit.
  app.set("trust proxy", trustProxySetting(opts.trustProxy));

  app.use(requestContext(opts.clientIpHeader));
  // The policy is fixed at start; only the nonce changes per request (security.ts).
  app.use(contentSecurityPolicy(opts.production));
  app.use(
    helmet({
      contentSecurityPolicy: false,
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Only for clients that ask: compression wraps every response it sees, even one it then
  // sends as it is (issue 14).
  const compress = compression();
  app.use((req, res, next) => (req.headers["accept-encoding"] ? compress(req, res, next) : next()));

  const limitHandler: RequestHandler = (_req, res) =>
    sendErrorPage(res, 429, "请求过于频繁，请稍后再试");
  const common = {
    windowMs: 60_000,
    standardHeaders: "draft-7" as const,
    legacyHeaders: false,
    handler: limitHandler,
    // The key is req.ip, which honours X-Forwarded-For only under TRUST_PROXY.
    validate: { xForwardedForHeader: false, trustProxy: false },
  };
  app.post("/login", rateLimit({ ...common, limit: opts.loginPerMinute }));
  app.post("/register", rateLimit({ ...common, limit: opts.loginPerMinute }));
  // Bookings and booking uploads (a POST may carry 50 MB): a quarter of the general POST budget.
  app.post(
    /^\/consult\/(new|bookings\/\d+)$/,
    rateLimit({ ...common, limit: Math.max(1, Math.floor(opts.postPerMinute / 4)) }),
  );
  app.use(
    rateLimit({ ...common, limit: opts.postPerMinute, skip: (req) => req.method !== "POST" }),
  );
  // The public certificate check: a GET, limited like a login so codes cannot be guessed.
  app.get("/verify", rateLimit({ ...common, limit: opts.loginPerMinute * 3 }));
  app.use(originCheck());
  // Forms that carry files; each route checks the files itself (size by setting, content by type).
  // The roster upload: one CSV/XLSX up to 10 MB. A booking: up to 5 files of 10 MB. An expert's
  // opinion on a booking page: one returned file of 10 MB.
  const MB = 1024 * 1024;
  const ENVELOPE = 64 * 1024;
  app.use(
    bodyLimit(opts.maxFormBytes, [
      [/^\/admin\/import$/, 10 * MB + ENVELOPE],
      [/^\/consult\/new$/, 5 * 10 * MB + ENVELOPE],
      [/^\/consult\/bookings\/\d+$/, 10 * MB + ENVELOPE],
    ]),
  );
  // Pages carry personal data: never cached, so the back button after logout asks the server again.
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  opts.mount(app);
  return app;
}
