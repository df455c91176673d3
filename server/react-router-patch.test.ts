import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { Link, MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/react-router+6.30.4.patch (issue 14, session 9): useResolvedPath (every <Link> and
// <NavLink>, several times each) serialised and parsed the route pathnames even for an absolute
// path, which resolves the same from any route.

afterEach(() => {
  vi.restoreAllMocks();
});

/** The links rendered inside a `/learn/*` route, at /learn/courses/constitution. */
function page(links: Array<[to: string, text: string]>): string {
  return renderToString(
    h(
      MemoryRouter,
      { initialEntries: ["/learn/courses/constitution"] },
      h(
        Routes,
        null,
        h(Route, {
          path: "/learn/*",
          element: h("nav", null, ...links.map(([to, text]) => h(Link, { key: to, to }, text))),
        }),
      ),
    ),
  );
}

describe("link paths (patched react-router)", () => {
  it("is applied to the builds the server and the browser load", () => {
    expectPatched("react-router", "6.30.4", [
      "dist/index.js",
      "dist/umd/react-router.development.js",
      "dist/umd/react-router.production.min.js",
    ]);
  });

  it("renders absolute links without parsing the route pathnames, to the same hrefs", () => {
    const parse = vi.spyOn(JSON, "parse");
    const html = page([
      ["/learn/courses?q=1", "a"],
      ["/", "b"],
      ["/about#top", "c"],
    ]);
    expect(parse).not.toHaveBeenCalled();
    expect(html).toBe(
      '<nav><a href="/learn/courses?q=1">a</a><a href="/">b</a><a href="/about#top">c</a></nav>',
    );
  });

  it("still resolves relative links from their route", () => {
    const html = page([
      ["plan", "a"],
      ["../about", "b"],
    ]);
    expect(html).toBe('<nav><a href="/learn/plan">a</a><a href="/about">b</a></nav>');
  });
});
