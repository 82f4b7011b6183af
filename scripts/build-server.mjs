// Part of `npm run build`: bundles server.ts and what it imports from this repository (machine/,
// lib/, db/) into dist/server.js; packages stay in node_modules. `npm start` runs it with the
// react-server condition, under which the "server-only" guard of lib modules is empty.
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "dist/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
