// Remix options. The Vite plugin does not read this file on its own:
// vite.config.ts imports it and passes it to the plugin.
import { flatRoutes } from "remix-flat-routes";

/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  // remix-flat-routes owns route discovery ("+" folders); Remix's own is off.
  ignoredRouteFiles: ["**/*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
  routes: async (defineRoutes) =>
    flatRoutes("routes", defineRoutes, {
      ignoredRouteFiles: ["**/.*", "**/*.css", "**/*.test.{ts,tsx}", "**/__*.*"],
    }),
};
