import type { NextConfig } from "next";
import {
  DOCUMENT_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
} from "./lib/http/security-headers";

// Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts; the routes it
// does not run for are JSON documents and get the strictest policy.
const documentHeaders = [
  { key: "Content-Security-Policy", value: DOCUMENT_CONTENT_SECURITY_POLICY },
];

const nextConfig: NextConfig = {
  // Lets parallel builds (e.g. a second checkout's e2e run) keep separate output folders.
  // Build configuration, read by `next build` itself: the server's environment module is not loaded.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // PGlite loads its WASM bundle relative to its own files: keep it (and postgres-js) out of the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "@node-rs/argon2",
    // Plain Node modules: rate-limiter-flexible holds computed dynamic imports (its Drizzle
    // stores) that a bundler cannot follow, and ioredis needs no bundling.
    "rate-limiter-flexible",
    "ioredis",
  ],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: documentHeaders },
      { source: "/.well-known/:path*", headers: documentHeaders },
    ];
  },
};

export default nextConfig;
