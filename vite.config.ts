import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

export default defineConfig({
  resolve: { alias: { "#app": "/app" } },
  // Pre-bundled up front so the first page load in development does not hit
  // Vite's "outdated optimize dep" reload.
  optimizeDeps: {
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "@remix-run/react",
      "react-hook-form",
      "@hookform/resolvers/zod",
      "zod",
      "clsx",
    ],
  },
  build: {
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 ships /*#__PURE__*/ annotations Rollup cannot place.
        if (warning.code === "INVALID_ANNOTATION") return;
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  plugins: [tailwindcss(), remix(remixConfig)],
});
