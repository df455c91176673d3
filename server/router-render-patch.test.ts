import { createStaticHandler, json, resolveTo } from "@remix-run/router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/@remix-run+router+1.23.3.patch, second part (issue 14, session 9): the cost every page
// pays per loader (its JSON read back through a stream) and per link (its path resolved again).
const JSON_BODY = Symbol.for("fzxt.body");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("loader data and link paths (patched @remix-run/router)", () => {
  it("is applied to both builds of @remix-run/router 1.23.3", () => {
    for (const text of expectPatched("@remix-run/router", "1.23.3", [
      "dist/router.cjs.js",
      "dist/router.js",
    ])) {
      expect(text).toContain("fzxtJsonBody");
      expect(text).toContain("fzxtResolved");
    }
  });

  it("json() keeps the body's string on the Response, and the body still reads the same", async () => {
    const data = { title: "《宪法》精讲", n: 1, nested: [null, true, "\u2028"], lone: "\ud800" };
    const response = json(data, { status: 201, headers: { "X-A": "1" } });
    const kept = (response as unknown as Record<symbol, unknown>)[JSON_BODY];
    expect(kept).toBe(JSON.stringify(data));
    expect(response.status).toBe(201);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(await response.text()).toBe(kept);
    expect((json(undefined) as unknown as Record<symbol, unknown>)[JSON_BODY]).toBeUndefined();
  });

  it("parses a loader's json() from its string without reading the body stream, to the same data", async () => {
    const data = { courses: [{ slug: "constitution", title: "《宪法》精讲", hours: 4 }], q: "" };
    const responses: Response[] = [];
    const handler = createStaticHandler([
      {
        id: "root",
        path: "/",
        loader: () => {
          const response = json(data);
          responses.push(response);
          return response;
        },
      },
    ]);
    const context = await handler.query(new Request("http://localhost/"));
    if (context instanceof Response) throw new Error("unexpected response");
    expect(context.loaderData).toEqual({ root: data });
    expect(responses[0]!.bodyUsed).toBe(false);
    // A Response not made by json() (or whose body was read) still goes through the stream.
    const plain = createStaticHandler([
      {
        id: "root",
        path: "/",
        loader: () =>
          new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json" } }),
      },
    ]);
    const again = await plain.query(new Request("http://localhost/"));
    if (again instanceof Response) throw new Error("unexpected response");
    expect(again.loaderData).toEqual({ root: data });
  });

  it("resolves a string `to` once per (to, route pathnames, location, relative) and hands out copies", () => {
    const args = [
      "../courses?q=1#top",
      ["/", "/learn", "/learn/plan"],
      "/learn/plan",
      false,
    ] as const;
    const first = resolveTo(args[0], [...args[1]], args[2], args[3]);
    expect(first).toEqual({ pathname: "/learn/courses", search: "?q=1", hash: "#top" });
    const split = vi.spyOn(String.prototype, "split");
    const second = resolveTo(args[0], [...args[1]], args[2], args[3]);
    expect(split).not.toHaveBeenCalled();
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    second.pathname = "/changed";
    expect(resolveTo(args[0], [...args[1]], args[2], args[3]).pathname).toBe("/learn/courses");
    // Each argument is part of the key.
    expect(resolveTo(args[0], ["/", "/learn"], args[2], args[3]).pathname).toBe("/courses");
    expect(resolveTo("../x", ["/", "/learn/plan"], "/learn/plan", true).pathname).toBe("/learn/x");
    expect(resolveTo("../x", ["/", "/learn/plan"], "/learn/plan", false).pathname).toBe("/x");
    expect(resolveTo("?q=2", ["/", "/learn"], "/learn/plan", false).pathname).toBe("/learn/plan");
    expect(resolveTo("?q=2", ["/", "/learn"], "/other", false).pathname).toBe("/other");
    expect(resolveTo(".", ["/", "/a"], "/a/", false).pathname).toBe("/a/");
    expect(resolveTo(".", ["/", "/a"], "/a", false).pathname).toBe("/a");
    expect(resolveTo({ pathname: "x" }, ["/", "/a"], "/a", false).pathname).toBe("/a/x");
  });
});
