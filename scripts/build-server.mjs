// Bundles server/index.ts (and the app modules it imports) for production.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outdir: "server-build",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
console.log("server-build/index.js written");
