import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

export default defineConfig({
  resolve: { alias: { "#app": "/app" } },
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
