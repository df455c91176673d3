import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectPatched } from "./patched-package.ts";

// patches/@remix-run+react+2.17.5.patch (issue 14), applied by patch-package from postinstall:
// <RemixServer> builds its route tree once per build instead of on every page it renders.
const BUILD = path.resolve("build/server/index.js");

describe("server route tree (patched @remix-run/react)", () => {
  it("is applied to both builds of @remix-run/react 2.17.5", () => {
    expectPatched("@remix-run/react", "2.17.5", ["dist/server.js", "dist/esm/server.js"]);
  });

  it.runIf(fs.existsSync(BUILD))(
    "renders the app's pages with the route tree built on the first page only, and the same HTML each time",
    async () => {
      const build = (await import(BUILD)) as ServerBuild;
      // Count the reads that building the tree makes of each manifest route. Not enumerable, so
      // the manifest sent to the browser (JSON) does not read it.
      let reads = 0;
      for (const route of Object.values(build.assets.routes)) {
        const value = route.caseSensitive;
        Object.defineProperty(route, "caseSensitive", {
          enumerable: false,
          configurable: true,
          get: () => (reads++, value),
        });
      }
      const handle = createRequestHandler(build, "production");
      const page = async () => {
        const res = await handle(new Request("http://localhost/about"));
        expect(res.status).toBe(200);
        return (await res.text()).replace(/nonce="[^"]*"/g, "");
      };
      const first = await page();
      const built = reads;
      expect(built).toBeGreaterThanOrEqual(Object.keys(build.assets.routes).length);
      expect(await page()).toBe(first);
      expect(reads).toBe(built);
    },
  );
});
