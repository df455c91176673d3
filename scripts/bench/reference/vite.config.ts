// The bench's reference (issue 14): a bare Remix 2 app with one static route, built with the
// same pinned packages as the app (resolved from the project's node_modules) into
// data/bench/reference, so `npm run bench` can show how close a page comes to the framework.
import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig } from "vite";

const out = path.resolve(import.meta.dirname, "../../../data/bench/reference");

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: path.join(out, ".vite"),
  logLevel: "warn",
  esbuild: { jsx: "automatic" },
  build: { emptyOutDir: true },
  plugins: [
    remix({
      appDirectory: "app",
      buildDirectory: path.join(out, "build"),
      // The app's flags (remix.config.js), so both send the same kind of page.
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
});
