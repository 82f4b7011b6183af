import type { Server } from "node:http";

/**
 * Stops `server` accepting connections and lets the requests in flight finish, then runs `cleanup`
 * (closing the database). Keep-alive connections are closed as soon as they fall idle, and a
 * request that still arrives on one is answered with `Connection: close`. Connections still busy
 * after `graceMs` are cut so the process ends.
 */
export function closeGracefully(
  server: Server,
  cleanup: () => Promise<void>,
  graceMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.prependListener("request", (_req, res) => res.setHeader("Connection", "close"));
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      cleanup().then(resolve, reject);
    });
    server.closeIdleConnections();
  });
}
