import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/@remix-run+server-runtime+2.17.5.patch and patches/@remix-run+express+2.17.5.patch
// (issue 14, session 9): what the request path copies per loader and per response.
const require = createRequire(import.meta.url);
const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (args: {
    loader: (a: { request: Request }) => unknown;
    request: Request;
    params: object;
    loadContext: object;
    routeId: string;
    singleFetch: boolean;
  }) => Promise<Response>;
};
const { sendRemixResponse } = require("@remix-run/express/dist/server.js") as {
  sendRemixResponse: (res: unknown, response: Response) => Promise<void>;
};

async function loaderRequest(request: Request): Promise<Request> {
  let seen: Request | undefined;
  await callRouteLoader({
    loader: ({ request: r }) => {
      seen = r;
      return null;
    },
    request,
    params: {},
    loadContext: {},
    routeId: "root",
    singleFetch: false,
  });
  return seen!;
}

/** The part of Express's response sendRemixResponse uses, recording what is written. */
function fakeResponse() {
  const out = {
    status: 0,
    headers: [] as [string, string][],
    chunks: [] as Uint8Array[],
    ended: false,
  };
  const res = {
    statusMessage: "",
    status: (s: number) => void (out.status = s),
    append: (k: string, v: string) => void out.headers.push([k, v]),
    flushHeaders: () => {},
    write: (c: Uint8Array) => void out.chunks.push(c),
    end: (c?: Uint8Array | string) => {
      if (c !== undefined) out.chunks.push(typeof c === "string" ? Buffer.from(c) : c);
      out.ended = true;
    },
  };
  return { res, out, body: () => Buffer.concat(out.chunks).toString("utf8") };
}

describe("request path copies (patched @remix-run/server-runtime and @remix-run/express)", () => {
  it("is applied to the files the server loads", () => {
    expectPatched("@remix-run/server-runtime", "2.17.5", ["dist/data.js", "dist/esm/data.js"]);
    expectPatched("@remix-run/express", "2.17.5", ["dist/server.js"]);
  });

  it("hands a loader the request itself when there is nothing to strip from it, a copy otherwise", async () => {
    for (const url of [
      "http://localhost/learn/courses",
      "http://localhost/learn/courses?q=%E5%AE%AA&page=2",
    ]) {
      const request = new Request(url, { headers: { Cookie: "a=1" } });
      expect(await loaderRequest(request)).toBe(request);
    }
    for (const [url, seen] of [
      ["http://localhost/learn?index", "http://localhost/learn"],
      ["http://localhost/learn?_data=root&q=1", "http://localhost/learn?q=1"],
      // The URL API writes these queries back differently: copied as before.
      ["http://localhost/learn?q=a%20b", "http://localhost/learn?q=a+b"],
      ["http://localhost/learn?flag", "http://localhost/learn?flag="],
      ["http://localhost/learn?", "http://localhost/learn"],
    ] as const) {
      const request = new Request(url);
      const copy = await loaderRequest(request);
      expect(copy).not.toBe(request);
      expect(copy.url).toBe(seen);
    }
    const post = new Request("http://localhost/login", { method: "POST", body: "a=1" });
    const copy = await loaderRequest(post);
    expect(copy).not.toBe(post);
    expect(await copy.text()).toBe("a=1");
  });

  it("writes a body kept as a string or Buffer at once, without reading the Response's stream", async () => {
    const html = Buffer.from("<!DOCTYPE html><p>法治学堂</p>");
    const response = new Response(html, { status: 201, headers: { "Content-Type": "text/html" } });
    (response as unknown as Record<symbol, unknown>)[Symbol.for("fzxt.body")] = html;
    const { res, out, body } = fakeResponse();
    await sendRemixResponse(res, response);
    expect(response.bodyUsed).toBe(false);
    expect(out.status).toBe(201);
    expect(out.headers).toEqual([["content-type", "text/html"]]);
    expect(out.ended).toBe(true);
    expect(body()).toBe(html.toString("utf8"));
    // Without a kept body (or once it is read) the stream is written as before.
    const plain = fakeResponse();
    const streamed = new Response("普通", { status: 200 });
    await sendRemixResponse(plain.res, streamed);
    expect(streamed.bodyUsed).toBe(true);
    expect(plain.body()).toBe("普通");
  });
});
