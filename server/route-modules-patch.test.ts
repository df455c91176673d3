import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/@remix-run+server-runtime+2.17.5.patch and patches/@remix-run+react+2.17.5.patch
// (issue 14, session 11): the map of every route's module that a document request hands to
// <RemixServer> is made once per build (kept per build.routes, frozen), and <RemixServer>
// recognises that same object instead of comparing every route's module with its kept copy.
const require = createRequire(import.meta.url);
const BUILD = path.resolve("build/server/index.js");
type EntryModule = {
  createEntryRouteModules: (routes: Record<string, { module: unknown }>) => Record<string, unknown>;
};

describe("route modules kept per build (patched @remix-run/server-runtime and @remix-run/react)", () => {
  it("makes the map once per routes object, frozen, in both builds of the runtime", async () => {
    const cjs = require("@remix-run/server-runtime/dist/entry.js") as EntryModule;
    const esm = (await import(
      require.resolve("@remix-run/server-runtime").replace(/dist\/index\.js$/, "dist/esm/entry.js")
    )) as EntryModule;
    for (const { createEntryRouteModules } of [cjs, esm]) {
      const a = { module: { default: "a" } };
      const b = { module: { default: "b" } };
      const routes = { root: a, "routes/b": b };
      const modules = createEntryRouteModules(routes);
      expect(modules).toEqual({ root: a.module, "routes/b": b.module });
      expect(Object.isFrozen(modules)).toBe(true);
      expect(createEntryRouteModules(routes)).toBe(modules);
      // Another build's routes get their own map.
      const other = createEntryRouteModules({ root: b });
      expect(other).not.toBe(modules);
      expect(other).toEqual({ root: b.module });
    }
  });

  it("<RemixServer> takes the kept map by identity (both builds of @remix-run/react)", () => {
    expectPatched(
      "@remix-run/react",
      "2.17.5",
      ["dist/server.js", "dist/esm/server.js"],
      "kept.given === routeModules",
    );
  });

  it.runIf(fs.existsSync(BUILD))("renders the same page each time with the kept map", async () => {
    const build = (await import(BUILD)) as ServerBuild;
    const handle = createRequestHandler(build, "production");
    const page = async () => {
      const res = await handle(new Request("http://localhost/about"));
      expect(res.status).toBe(200);
      return (await res.text()).replace(/nonce="[^"]*"/g, "");
    };
    const first = await page();
    expect(await page()).toBe(first);
    const { createEntryRouteModules } =
      require("@remix-run/server-runtime/dist/entry.js") as EntryModule;
    const kept = createEntryRouteModules(
      build.routes as unknown as Record<string, { module: unknown }>,
    );
    expect(Object.isFrozen(kept)).toBe(true);
    expect(Object.keys(kept).sort()).toEqual(Object.keys(build.routes).sort());
  });
});
