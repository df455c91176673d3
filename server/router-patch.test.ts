import {
  createMemoryHistory,
  createRouter,
  matchRoutes,
  type AgnosticRouteObject,
} from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/@remix-run+router+1.23.3.patch (issue 14, upstream remix-run/react-router#8653),
// applied by patch-package from postinstall: route matching ranks a route tree once per shape.

/** A tree like the app's (a root, pages, nested pages, a splat) whose `path` reads are counted. */
function tree(counter: { reads: number }): AgnosticRouteObject[] {
  const route = (id: string, p: string | undefined, extra: object = {}): AgnosticRouteObject => {
    const r = { id, ...extra } as AgnosticRouteObject & { path?: string };
    Object.defineProperty(r, "path", {
      enumerable: true,
      get: () => {
        counter.reads++;
        return p;
      },
    });
    return r;
  };
  const courses = Array.from({ length: 30 }, (_, i) => route(`page${i}`, `page-${i}/:id`));
  return [
    route("root", "", {
      children: [
        route("index", undefined, { index: true }),
        route("about", "about"),
        route("learn", "learn", {
          children: [
            route("learn-index", undefined, { index: true }),
            route("lesson", "courses/:slug/lessons/:lesson"),
          ],
        }),
        ...courses,
        route("splat", "*"),
      ],
    }),
  ];
}
const ROUTES = 37;

describe("route matching (patched @remix-run/router)", () => {
  it("is applied to both builds of @remix-run/router 1.23.3", () => {
    expectPatched("@remix-run/router", "1.23.3", ["dist/router.cjs.js", "dist/router.js"]);
  });

  it("ranks a route tree once per shape: matching again reads each route's path once instead of flattening the tree", () => {
    const first = { reads: 0 };
    matchRoutes(tree(first), "/learn/courses/x/lessons/y");
    const again = { reads: 0 };
    // A new tree of the same shape, as Remix builds per request.
    matchRoutes(tree(again), "/learn/courses/x/lessons/y");
    expect(again.reads).toBe(ROUTES);
    expect(first.reads).toBeGreaterThan(2 * ROUTES);
  });

  it("answers with the route objects of the tree it was given, with the right params", () => {
    const counter = { reads: 0 };
    const a = tree(counter);
    const b = tree(counter);
    matchRoutes(a, "/page-3/1");
    const matches = matchRoutes(b, "/page-7/42")!;
    expect(matches.map((m) => m.route.id)).toEqual(["root", "page7"]);
    expect(matches[1]!.route).toBe(b[0]!.children![10]);
    expect(matches[1]!.params).toEqual({ id: "42" });
    expect(matchRoutes(b, "/learn")!.map((m) => m.route.id)).toEqual([
      "root",
      "learn",
      "learn-index",
    ]);
    // Again: the branch each pathname matched is remembered, not the match itself.
    expect(matchRoutes(b, "/page-7/43")![1]!.params).toEqual({ id: "43" });
    expect(matchRoutes(a, "/page-7/42")![1]!.route).toBe(a[0]!.children![10]);
    const noSplat = [{ id: "only", path: "only" }];
    expect(matchRoutes(noSplat, "/other")).toBeNull();
    expect(matchRoutes(noSplat, "/other")).toBeNull();
    expect(matchRoutes(noSplat, "/only")![0]!.route.id).toBe("only");
    expect(matchRoutes(b, "/nowhere/else")!.map((m) => [m.route.id, m.params["*"]])).toEqual([
      ["root", "nowhere/else"],
      ["splat", "nowhere/else"],
    ]);
  });
  it("matches a tree object it has seen before without reading any route's path (the server matches its kept trees several times per request)", () => {
    const counter = { reads: 0 };
    const kept = tree(counter);
    matchRoutes(kept, "/about");
    counter.reads = 0;
    expect(matchRoutes(kept, "/page-3/1")!.map((m) => m.route.id)).toEqual(["root", "page3"]);
    expect(matchRoutes(kept, "/learn")!.map((m) => m.route.id)).toEqual([
      "root",
      "learn",
      "learn-index",
    ]);
    expect(counter.reads).toBe(0);
  });

  it("sees the routes that route discovery patches into a tree it has kept (patchRoutes changes the tree in place)", () => {
    const router = createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "a", path: "a" }] }],
      history: createMemoryHistory(),
    });
    const before = router.routes;
    expect(matchRoutes(before, "/b")).toBeNull();
    router.patchRoutes("root", [{ id: "b", path: "b" }]);
    // The same array object, its root's children grown in place.
    expect(before[0]!.children!.map((r) => r.id)).toEqual(["a", "b"]);
    expect(matchRoutes(before, "/b")!.map((m) => m.route.id)).toEqual(["root", "b"]);
    expect(matchRoutes(before, "/a")!.map((m) => m.route.id)).toEqual(["root", "a"]);
    router.dispose();
  });
});
