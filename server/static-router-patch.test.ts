import { createStaticHandler, type AgnosticDataRouteObject } from "@remix-run/router";
import { createStaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/react-router-dom+6.30.4.patch (issue 14), applied by patch-package from postinstall:
// the static router converts a route tree to data routes once per tree object, not on every
// page (Remix keeps the tree per build: patches/@remix-run+react+2.17.5.patch).

const ROUTES = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "index", index: true },
      { id: "about", path: "about" },
      { id: "lesson", path: "learn/courses/:slug/lessons/:lesson" },
    ],
  },
];

async function contextFor(url: string) {
  const handler = createStaticHandler(ROUTES as AgnosticDataRouteObject[]);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) throw new Error("unexpected response");
  return context;
}

describe("static router (patched react-router-dom)", () => {
  it("is applied to both builds of react-router-dom 6.30.4", () => {
    expectPatched("react-router-dom", "6.30.4", ["server.js", "server.mjs"]);
  });

  it("converts a route tree once: the same tree gives the same data routes, and each request's matches point into them with its own params", async () => {
    const first = createStaticRouter(ROUTES, await contextFor("http://localhost/about"));
    const second = createStaticRouter(
      ROUTES,
      await contextFor("http://localhost/learn/courses/c/lessons/l"),
    );
    expect(second.routes).toBe(first.routes);
    expect(first.state.matches.map((m) => m.route.id)).toEqual(["root", "about"]);
    expect(first.state.matches[1]!.route).toBe(first.routes[0]!.children![1]);
    expect(second.state.matches[1]!.route).toBe(second.routes[0]!.children![2]);
    expect(second.state.matches[1]!.params).toEqual({ slug: "c", lesson: "l" });
    expect(first.state.location.pathname).toBe("/about");
    // Another tree (a new build) is converted on its own.
    const other = createStaticRouter(
      structuredClone(ROUTES),
      await contextFor("http://localhost/about"),
    );
    expect(other.routes).not.toBe(first.routes);
  });
});
