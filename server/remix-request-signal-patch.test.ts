import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// patches/@remix-run+express+2.17.5.patch (issue 14, session 11): createRemixRequest makes the
// Request with its own signal (a subclass whose `signal` is its controller's) instead of handing
// undici a signal to follow, and gives it the URL as a string instead of a parsed URL.
const require = createRequire(import.meta.url);
const { createRemixRequest } = require("@remix-run/express/dist/server.js") as {
  createRemixRequest: (req: unknown, res: unknown) => Request;
};

/** The parts of Express's request and response createRemixRequest reads. */
function fakeExchange(opts: {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[]>;
}) {
  const headers: Record<string, string | string[]> = { host: "localhost:3460", ...opts.headers };
  const req = Object.assign(new EventEmitter(), {
    method: opts.method ?? "GET",
    originalUrl: opts.url ?? "/",
    protocol: "http",
    hostname: "localhost",
    headers,
    get: (name: string) => headers[name.toLowerCase()],
  });
  const res = new EventEmitter();
  return { req, res };
}

describe("createRemixRequest's own signal (patched @remix-run/express)", () => {
  it("is applied: the Request's signal is its own controller's, not a followed one", () => {
    const { req, res } = fakeExchange({});
    const request = createRemixRequest(req, res);
    expect(request).toBeInstanceOf(Request);
    const proto = Object.getPrototypeOf(request) as object;
    expect(proto === Request.prototype).toBe(false);
    expect(typeof Object.getOwnPropertyDescriptor(proto, "signal")?.get).toBe("function");
  });

  it("builds the same URL, method and headers as before", () => {
    const { req, res } = fakeExchange({
      url: "/learn/courses?q=%E5%AE%AA&page=2",
      headers: { cookie: "a=1; b=2", "accept-language": "zh-CN", "x-many": ["1", "2"] },
    });
    const request = createRemixRequest(req, res);
    expect(request.url).toBe("http://localhost:3460/learn/courses?q=%E5%AE%AA&page=2");
    expect(request.url).toBe(
      new URL("http://localhost:3460/learn/courses?q=%E5%AE%AA&page=2").href,
    );
    expect(request.method).toBe("GET");
    expect(request.headers.get("cookie")).toBe("a=1; b=2");
    expect(request.headers.get("x-many")).toBe("1, 2");
    // A path the URL API rewrites comes out rewritten, as the parsed URL was.
    const odd = fakeExchange({ url: "/a/../b c?x=a b" });
    expect(createRemixRequest(odd.req, odd.res).url).toBe("http://localhost:3460/b%20c?x=a%20b");
  });

  it("aborts the signal when the response closes before it finished, and only then", () => {
    const early = fakeExchange({});
    const aborted = createRemixRequest(early.req, early.res);
    // What Remix does for a loader's or an action's request: a copy that follows the signal.
    const copy = new Request(aborted.url, { headers: aborted.headers, signal: aborted.signal });
    const clone = aborted.clone();
    expect(aborted.signal.aborted).toBe(false);
    early.res.emit("close");
    expect(aborted.signal.aborted).toBe(true);
    expect((aborted.signal.reason as DOMException).name).toBe("AbortError");
    expect(copy.signal.aborted).toBe(true);
    expect(clone.signal.aborted).toBe(true);

    const done = fakeExchange({});
    const finished = createRemixRequest(done.req, done.res);
    done.res.emit("finish");
    done.res.emit("close");
    expect(finished.signal.aborted).toBe(false);
    // The same signal on every read.
    expect(finished.signal).toBe(finished.signal);
  });

  it("still streams a POST's body", async () => {
    const { req, res } = fakeExchange({
      method: "POST",
      url: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const request = createRemixRequest(req, res);
    const clone = request.clone();
    const text = request.text();
    const cloneText = clone.text();
    req.emit("data", Buffer.from("username=staff&"));
    req.emit("data", Buffer.from("password=x"));
    req.emit("end");
    expect(await text).toBe("username=staff&password=x");
    expect(await cloneText).toBe("username=staff&password=x");
    expect(clone.method).toBe("POST");
    expect(clone.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  });
});
