import type { NextFunction, Request, Response } from "express";
import { ipKeyGenerator, type Store } from "express-rate-limit";
import crypto from "node:crypto";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A minimal Chinese error page; the text is ours, never the request's. */
export function sendErrorPage(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type("html")
    .set("Cache-Control", "no-store")
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${status} - 法治学堂</title></head>` +
        `<body><main><h1>${message}</h1><p>错误代码 ${status}。<a href="/">返回首页</a></p></main></body></html>`,
    );
}

/**
 * Refuses state-changing requests that a browser marks as coming from another
 * site. Browsers send Sec-Fetch-Site (and Origin) on every POST; a request with
 * neither is refused too, so a forged form cannot slip through an old client.
 */
export function isCrossSiteRequest(
  headers: { origin?: string; "sec-fetch-site"?: string; host?: string },
  expectedOrigin: string,
): boolean {
  const site = headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.origin;
  if (origin) return origin !== expectedOrigin;
  return !site;
}

export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? ""}`;
}

export function originCheck(onRefuse?: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (isCrossSiteRequest(req.headers as Record<string, string | undefined>, requestOrigin(req))) {
      onRefuse?.(req, res);
      return sendErrorPage(res, 403, "已拒绝跨站提交的请求");
    }
    next();
  };
}

// Past the largest upload a route accepts (5 × 10 MB), so a user who picked too large a file
// still sees the answer; a slow upload of that size gets a minute.
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;
const DISCARD_MAX_MS = 60_000;

/**
 * Reads and drops a refused body, then answers: a client still uploading gets
 * our answer instead of a reset connection (answering first and closing would
 * race its upload: EPIPE). Gives up, closing the connection, past 64 MB or 60 s.
 */
function discardBody(req: Request, answer: () => void): void {
  let seen = 0;
  let answered = false;
  const done = () => {
    clearTimeout(timer);
    if (answered) return;
    answered = true;
    answer();
  };
  const timer = setTimeout(() => req.socket.destroy(), DISCARD_MAX_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_MAX_BYTES) req.socket.destroy();
  });
  req.on("end", done);
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

/** Form bodies are small here; a bigger one is refused before it is read. Upload routes get their own limit by path pattern. */
export function bodyLimit(maxBytes: number, perPath: [RegExp, number][] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const upload = perPath.find(([pattern]) => pattern.test(req.path))?.[1];
    const limit = upload ?? maxBytes;
    const length = req.headers["content-length"];
    if (length === undefined) {
      if (req.headers["transfer-encoding"]) return sendErrorPage(res, 411, "请求缺少内容长度");
      return next();
    }
    if (!/^\d+$/.test(length) || Number(length) > limit) {
      res.set("Connection", "close");
      const message = upload
        ? `文件过大：提交的内容超过 ${Math.floor(limit / 1024 / 1024)} MB 上限`
        : `提交的内容过大（上限 ${Math.round(limit / 1024)} KB）`;
      return discardBody(req, () => sendErrorPage(res, 413, message));
    }
    next();
  };
}

/**
 * The Content-Security-Policy (enforced in production, report-only in development), built once:
 * per request only the nonce is put in. Same policy as helmet's directive list gave before.
 */
export function contentSecurityPolicy(production: boolean) {
  const header = production ? "Content-Security-Policy" : "Content-Security-Policy-Report-Only";
  const before = "default-src 'self';script-src 'self' 'nonce-";
  const after = [
    "'",
    `style-src ${production ? "'self'" : "'self' 'unsafe-inline'"}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${production ? "'self'" : "'self' ws:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join(";");
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader(header, before + (res.locals.cspNonce as string) + after);
    next();
  };
}

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * The headers a middleware sets whatever the request (helmet's, with fixed options), recorded
 * once by running it against a recording response; per request they are set from that list in
 * the same order. helmet ran a chain of a dozen middlewares per request for the same constant
 * values (issue 14). Throws at start if the middleware does not finish synchronously or reads
 * anything but setHeader/removeHeader, so a helmet that came to depend on the request fails
 * loudly instead of sending stale headers.
 */
export function fixedHeaders(middleware: Middleware): Middleware {
  const ops: [name: string, value: string | null][] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => void ops.push([name, String(value)]),
    removeHeader: (name: string) => void ops.push([name, null]),
  };
  const noRequest = new Proxy(
    {},
    {
      get(_target, key) {
        throw new Error(`fixedHeaders: the middleware reads req.${String(key)}`);
      },
    },
  );
  let finished = false;
  middleware(noRequest as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error("fixedHeaders: the middleware did not call next at once");
  return (_req, res, next) => {
    for (const [name, value] of ops)
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    next();
  };
}

// Random bytes for the nonce and request id, drawn from the CSPRNG 512 requests at a time
// (crypto.randomBytes per request was a visible fixed cost); each byte is used once.
const RANDOM_PER_REQUEST = 22;
const RANDOM_POOL = RANDOM_PER_REQUEST * 512;
let pool = Buffer.alloc(0);
let poolAt = 0;

function requestRandom(): Buffer {
  if (poolAt + RANDOM_PER_REQUEST > pool.length) {
    pool = crypto.randomBytes(RANDOM_POOL);
    poolAt = 0;
  }
  poolAt += RANDOM_PER_REQUEST;
  return pool.subarray(poolAt - RANDOM_PER_REQUEST, poolAt);
}

export function requestContext(clientIpHeader: string, requestIdHeader?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    // One draw from the random pool for both values.
    const random = requestRandom();
    res.locals.cspNonce = random.toString("base64", 0, 16);
    res.locals.requestId = random.toString("hex", 16);
    res.set("X-Request-Id", res.locals.requestId);
    // The app reads the client address from this header; never trust a copy sent by the client.
    req.headers[clientIpHeader] = req.ip ?? "";
    // The request id travels with the request into Remix (app/utils/auth.server.ts); likewise
    // never the client's.
    if (requestIdHeader) req.headers[requestIdHeader] = res.locals.requestId as string;
    next();
  };
}

/** Addresses whose rate-limit key is kept before the list starts again. */
const KEY_CACHE_MAX = 10_000;
const ipKeys = new Map<string, string>();

/**
 * express-rate-limit's default key, computed once per address: `ipKeyGenerator` (an IPv4-mapped
 * IPv6 address such as `::ffff:127.0.0.1` becomes its IPv4 address, any other IPv6 address its
 * /56 network) parses the address as IPv6 each time, once per limiter and request. The key
 * depends on the address alone, so it is kept (a pure function: nothing another instance
 * changes). The default's checks of req.ip and the proxy headers are off in server/app.ts.
 */
export function rateLimitKey(req: Request): string {
  const ip = req.ip ?? "";
  let key = ipKeys.get(ip);
  if (key === undefined) {
    key = ipKeyGenerator(ip, 56);
    if (ipKeys.size >= KEY_CACHE_MAX) ipKeys.clear();
    ipKeys.set(ip, key);
  }
  return key;
}

/**
 * Two limiters that count the same requests, `first` then `second`: a store that can count
 * both in one statement (DatabaseRateLimitStore's `countsAlso`) is told to.
 */
export function pairStores(first: Store, second: Store): void {
  const pairable = first as Store & { countsAlso?: (other: Store) => void };
  pairable.countsAlso?.(second);
}
