import path from "node:path";
import { defineConfig } from "vitest/config";

// npm run test:resilience: the scenarios of resilience/ against built app instances and a
// PostgreSQL cluster of their own, one after the other in one process (they share that world).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["resilience/**/*.test.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
