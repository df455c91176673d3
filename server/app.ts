import compression from "compression";
import express, { type RequestHandler } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import helmet from "helmet";
import { isWriteMethod, logRefusal, methodGate } from "./methods.ts";
import {
  bodyLimit,
  contentSecurityPolicy,
  fixedHeaders,
  originCheck,
  pairStores,
  rateLimitKey,
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
  /** Where each request carries its request id into Remix (app/utils/auth.server.ts). */
  requestIdHeader?: string;
  /**
   * Where each limiter counts, by its name: the database in the server (shared by every
   * instance, decision 0017); unset, each limiter counts in this process's memory.
   */
  rateLimitStore?: (name: string) => Store;
  /**
   * Whether the request comes from a signed-in reader (a live session): the public 政策解读
   * pages limit only anonymous readers. Unset, every reader counts as anonymous.
   */
  signedIn?: (req: express.Request) => Promise<boolean>;
  /** Static file handlers and the Remix handler, mounted after the security middleware. */
  mount: (app: express.Express) => void;
};

function trustProxySetting(value: string): boolean | string | number {
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

const EXPERT_PHOTO = /^\/consult\/experts\/\d+\/photo$/;

export function createApp(opts: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Off by default: X-Forwarded-For is then ignored, so a forged one cannot reset a rate limit.
  app.set("trust proxy", trustProxySetting(opts.trustProxy));
  // Nothing reads req.query (Remix reads the URL itself): no qs parse of every query string.
  app.set("query parser", false);

  app.use(requestContext(opts.clientIpHeader, opts.requestIdHeader));
  // The policy is fixed at start; only the nonce changes per request (security.ts).
  app.use(contentSecurityPolicy(opts.production));
  // helmet's headers are constant with these options: recorded once, set per request.
  app.use(
    fixedHeaders(
      helmet({
        contentSecurityPolicy: false,
        referrerPolicy: { policy: "same-origin" },
        strictTransportSecurity: false,
        crossOriginEmbedderPolicy: false,
      }),
    ),
  );
  // Only for clients that ask: compression wraps every response it sees, even one it then
  // sends as it is (issue 14).
  const compress = compression();
  app.use((req, res, next) => (req.headers["accept-encoding"] ? compress(req, res, next) : next()));

  const limitHandler: RequestHandler = (req, res) => {
    logRefusal(req, res, 429, "rate limit");
    sendErrorPage(res, 429, "请求过于频繁，请稍后再试");
  };
  const common = {
    windowMs: 60_000,
    standardHeaders: "draft-7" as const,
    legacyHeaders: false,
    handler: limitHandler,
    // The key is req.ip, which honours X-Forwarded-For only under TRUST_PROXY (the default
    // key, parsed once per address: rateLimitKey).
    keyGenerator: rateLimitKey,
    validate: { xForwardedForHeader: false, trustProxy: false },
    // A store that cannot count (the database busy past its bound) lets the request through:
    // the request itself then meets the same database, and the login lockout stays in force.
    passOnStoreError: true,
  };
  const store = (name: string) => (opts.rateLimitStore ? { store: opts.rateLimitStore(name) } : {});
  // Every limit counts every method it could be reached by (decision 0012): the write limits
  // count PUT, PATCH, DELETE and OPTIONS like POST, even though methodGate then refuses them.
  const writes = { ...common, skip: (req: express.Request) => !isWriteMethod(req) };
  // A GET or HEAD does not enter a write limit at all (each is an async middleware that would
  // only call its skip and then next): the same answer, without the promise per request.
  const writeLimit =
    (limit: RequestHandler): RequestHandler =>
    (req, res, next) =>
      isWriteMethod(req) ? limit(req, res, next) : next();
  app.all(
    "/login",
    writeLimit(rateLimit({ ...writes, ...store("login:"), limit: opts.loginPerMinute })),
  );
  app.all(
    "/register",
    writeLimit(rateLimit({ ...writes, ...store("register:"), limit: opts.loginPerMinute })),
  );
  // Bookings and booking uploads (a POST may carry 50 MB): a quarter of the general POST budget.
  // Such a request meets the general POST limit next: where the stores can, the booking's
  // counts both hits in one statement (`countsAlso`, one database write instead of two).
  const consultStore = store("consult:");
  const postStore = store("post:");
  if (consultStore.store && postStore.store) pairStores(consultStore.store, postStore.store);
  app.all(
    /^\/consult\/(new|review\/new|bookings\/\d+)$/,
    writeLimit(
      rateLimit({
        ...writes,
        ...consultStore,
        limit: Math.max(1, Math.floor(opts.postPerMinute / 4)),
      }),
    ),
  );
  app.use(writeLimit(rateLimit({ ...writes, ...postStore, limit: opts.postPerMinute })));
  // The public certificate check, limited like a login so codes cannot be guessed: every method.
  app.all("/verify", rateLimit({ ...common, ...store("verify:"), limit: opts.loginPerMinute * 3 }));
  // The people picker's search (a GET per pause in typing): its own budget, as large as the
  // POST one, so a script cannot page through the staff list at will.
  // The lazy unit tree's search shares it (one budget for both pickers' typing).
  app.all(
    ["/manage/people-search", "/manage/unit-search"],
    rateLimit({ ...common, ...store("search:"), limit: opts.postPerMinute }),
  );
  // The public 政策解读 list and pages (decision 0023), readable without login: anonymous
  // readers, every method, get the POST budget per address, so a script cannot page through
  // them at will. Signed-in readers are not counted here (no signed-in page is limited on
  // GET): a live session is checked, so a made-up cookie does not pass; a session lookup that
  // fails lets the request through, like a store that cannot count.
  const signedIn = opts.signedIn;
  app.all(
    /^\/policy(\/\d+)?\/?$/,
    rateLimit({
      ...common,
      ...store("policy:"),
      limit: opts.postPerMinute,
      ...(signedIn ? { skip: (req: express.Request) => signedIn(req).catch(() => true) } : {}),
    }),
  );
  app.use(methodGate());
  app.use(originCheck((req, res) => logRefusal(req, res, 403, "cross-site request")));
  // Forms that carry files; each route checks the files itself (size by setting, content by type).
  // The roster upload: one CSV/XLSX up to 10 MB. A booking: up to 5 files of 10 MB. An expert's
  // opinion on a booking page: one returned file of 10 MB, but the page lets in as much as a
  // booking: its reader answers a larger file with a 413 the page can show (a refusal here is
  // an HTML page that Remix's client cannot render) after reading the body to that bound.
  const MB = 1024 * 1024;
  const ENVELOPE = 64 * 1024;
  app.use(
    bodyLimit(opts.maxFormBytes, [
      [/^\/admin\/import$/, 10 * MB + ENVELOPE],
      [/^\/consult\/new$/, 5 * 10 * MB + ENVELOPE],
      [/^\/consult\/review\/new$/, 5 * 10 * MB + ENVELOPE],
      // An expert's photo (2 MB, decision 0022) on his profile page or ADMIN's expert page.
      [/^\/(expert\/profile|admin\/experts\/\d+\/photo)$/, 2 * MB + ENVELOPE],
      [/^\/consult\/bookings\/\d+$/, 5 * 10 * MB + ENVELOPE],
      // Event materials on the organiser's event page (the booking upload's limits), and an
      // attendance sheet (one CSV/XLSX of 2 MB, read by its page like the roster).
      [/^\/manage\/events\/\d+$/, 5 * 10 * MB + ENVELOPE],
      [/^\/manage\/events\/\d+\/import$/, 2 * MB + ENVELOPE],
    ]),
  );
  // Pages carry personal data: never cached, so the back button after logout asks the server again.
  // An expert's photo is the one exception: no personal data beyond what the profile page shows,
  // versioned URLs, so the route sets `private, max-age` itself (decision 0022).
  app.use((req, res, next) => {
    if (!EXPERT_PHOTO.test(req.path)) res.set("Cache-Control", "no-store");
    next();
  });

  opts.mount(app);
  return app;
}
