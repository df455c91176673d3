import { UNSAFE_fzxtKeptBodyResponse, createStaticHandler, json } from "@remix-run/router";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/@remix-run+router+1.23.3.patch, @remix-run+server-runtime+2.17.5.patch and
// @remix-run+express+2.17.5.patch (issue 14, session 11): json()'s Response is made without a
// body stream (undici builds one per body at construction), keeps its string, and makes the real
// body only when something reads it; isResponse and sendRemixResponse do not ask for it.
const require = createRequire(import.meta.url);
const KEPT = Symbol.for("fzxt.body");
const { isResponse } = require("@remix-run/server-runtime/dist/responses.js") as {
  isResponse: (value: unknown) => boolean;
};
const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (args: {
    loader: () => unknown;
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

afterEach(() => {
  vi.restoreAllMocks();
});

const DATA = { title: "《宪法》精讲", hours: 4, nested: [null, true, "\u2028"], lone: "\ud800" };

/** Counts the reads of json()'s Response's body (the getter that makes the body stream). */
function spyOnBody(response: Response) {
  const proto = Object.getPrototypeOf(response) as object;
  expect(proto === Response.prototype).toBe(false);
  return vi.spyOn(proto as { body: ReadableStream | null }, "body", "get");
}

describe("json() without a body stream until it is read (patched router, runtime, express)", () => {
  it("is applied to every file the server and the tests load", () => {
    const marker = "fzxt patch (issue 14, session 11)";
    expectPatched("@remix-run/router", "1.23.3", ["dist/router.js", "dist/router.cjs.js"], marker);
    expectPatched(
      "@remix-run/server-runtime",
      "2.17.5",
      ["dist/responses.js", "dist/esm/responses.js"],
      marker,
    );
  });

  it("reads like a plain Response: status, headers, text, json, bytes, stream, bodyUsed, clone", async () => {
    const init = { status: 201, statusText: "Created", headers: { "X-A": "1" } };
    const response = json(DATA, init);
    const plain = new Response(JSON.stringify(DATA), {
      ...init,
      headers: { ...init.headers, "Content-Type": "application/json; charset=utf-8" },
    });
    expect(response).toBeInstanceOf(Response);
    expect(Object.getPrototypeOf(response) === Response.prototype).toBe(false);
    expect((response as unknown as Record<symbol, unknown>)[KEPT]).toBe(JSON.stringify(DATA));
    for (const key of ["status", "statusText", "ok", "redirected", "type", "url"] as const)
      expect(response[key]).toEqual(plain[key]);
    expect([...response.headers]).toEqual([...plain.headers]);
    expect(response.bodyUsed).toBe(false);

    const copy = response.clone();
    expect(copy.status).toBe(201);
    expect(await copy.json()).toEqual(DATA);
    expect(copy.bodyUsed).toBe(true);
    expect(response.bodyUsed).toBe(false);

    expect(await json(DATA).text()).toBe(await plain.clone().text());
    expect(Buffer.from(await json(DATA).arrayBuffer())).toEqual(
      Buffer.from(await plain.clone().arrayBuffer()),
    );
    expect(await (await json(DATA).blob()).text()).toBe(JSON.stringify(DATA));
    expect(await new Response(json(DATA).body).text()).toBe(JSON.stringify(DATA));

    expect(await response.json()).toEqual(DATA);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it("makes the document's Response from its bytes the same way (app/entry.server.tsx)", async () => {
    const html = Buffer.from("<!DOCTYPE html><p>法治学堂</p>");
    const init = { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } };
    const response = UNSAFE_fzxtKeptBodyResponse(html, init);
    const body = spyOnBody(response);
    expect((response as unknown as Record<symbol, unknown>)[KEPT]).toBe(html);
    const chunks: Buffer[] = [];
    let status = 0;
    await sendRemixResponse(
      {
        statusMessage: "",
        status: (s: number) => void (status = s),
        append: () => {},
        flushHeaders: () => {},
        write: (c: Buffer) => void chunks.push(c),
        end: (c?: string | Buffer) => void (c !== undefined && chunks.push(Buffer.from(c))),
      },
      response,
    );
    expect(status).toBe(404);
    expect(Buffer.concat(chunks)).toEqual(html);
    expect(body).not.toHaveBeenCalled();
    // Read by anyone else, it is the page.
    expect(await response.text()).toBe(html.toString("utf8"));
    expect(await UNSAFE_fzxtKeptBodyResponse(html, init).text()).toBe(
      await new Response(html, init).text(),
    );
  });

  it("keeps what a plain Response refuses or has no body for", () => {
    // A status without a body still refuses one, as before the patch.
    expect(() => json({}, 204)).toThrow(TypeError);
    expect(() => json({}, 99)).toThrow(RangeError);
    const empty = json(undefined);
    expect((empty as unknown as Record<symbol, unknown>)[KEPT]).toBeUndefined();
    expect(empty.body).toBeNull();
  });

  it("is a Response to Remix, and no loader, data strategy or send asks for its body", async () => {
    const response = json(DATA);
    const body = spyOnBody(response);
    expect(isResponse(response)).toBe(true);
    expect(isResponse({ status: 200, statusText: "", headers: {} })).toBe(false);

    const loaded = await callRouteLoader({
      loader: () => response,
      request: new Request("http://localhost/"),
      params: {},
      loadContext: {},
      routeId: "root",
      singleFetch: false,
    });
    expect(loaded).toBe(response);

    const handler = createStaticHandler([{ id: "root", path: "/", loader: () => json(DATA) }]);
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("unexpected response");
    expect(context.loaderData).toEqual({ root: DATA });

    const chunks: Buffer[] = [];
    await sendRemixResponse(
      {
        statusMessage: "",
        status: () => {},
        append: () => {},
        flushHeaders: () => {},
        write: (c: Buffer) => void chunks.push(c),
        end: (c?: string | Buffer) => void (c !== undefined && chunks.push(Buffer.from(c))),
      },
      response,
    );
    expect(Buffer.concat(chunks).toString("utf8")).toBe(JSON.stringify(DATA));
    expect(body).not.toHaveBeenCalled();
  });
});
