// One process, one port, two doors. People's requests (pages, server actions, Auth.js, the audit
// download) go to Next; machines' requests (the public API, OAuth, MCP, health and the OpenAPI
// document: machine/paths.ts) go to the machine door, a Hono app on @hono/node-server, which
// skips Next's request pipeline. Both use the same lib/ and db/, and one database handle.
// npm run dev: NODE_ENV=development, restarted by tsx watch; npm start: the bundle in dist/.
import { createServer } from "node:http";
import nextEnv from "@next/env";

// Read before the environment module, which needs .env.local loaded first (and loading it depends
// on this).
const dev = process.env.NODE_ENV !== "production";
// Before anything reads the environment: .env.local holds AUTH_SECRET and may hold DATABASE_URL.
nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });

const { compileTrust } = await import("./lib/http/forwarded");
const { closeGracefully } = await import("./lib/http/graceful-shutdown");
const { log } = await import("./lib/log");
const { startRateLimitPurge } = await import("./lib/rate-limit/purge");
const { startOutboxWorker } = await import("./lib/outbox/schedule");
const { refuseToStart, serverEnvironment, startUp } = await import("./lib/startup/check-config");

const { PORT: port, TRUSTED_PROXIES } = await serverEnvironment();

const trust = await (async () => {
  try {
    return compileTrust(TRUSTED_PROXIES);
  } catch (error) {
    return refuseToStart(
      `TRUSTED_PROXIES must list addresses or CIDR ranges separated by commas (${(error as Error).message}).`,
    );
  }
})();
// Configuration is checked before Next loads, so a bad value ends the process with its reason.
const { default: next } = await import("next");
const { getHandle } = await import("./db/client");
await startUp();

const nextApp = next({ dev, hostname: "localhost", port });
const nextHandler = nextApp.getRequestHandler();
await nextApp.prepare();
// After Next is prepared: the adapter installs its light Response process-wide (see listener.ts).
const { dispatcher } = await import("./machine/dispatch");
const server = createServer(dispatcher(trust, (req, res) => void nextHandler(req, res)));
const purge = startRateLimitPurge();
const outbox = startOutboxWorker();
const upgrade = nextApp.getUpgradeHandler();
// Next answers (or closes) the socket itself; the listener has nothing to wait for.
server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
// Next's process-wide error handlers keep a process alive after an uncaught error; a server that
// cannot listen (port taken) must end instead.
server.on("error", (error) => {
  log.fatal({ err: error }, `cannot listen on port ${port}`);
  process.exit(1);
});
server.listen(port, () => {
  log.info(`Latchkey ${dev ? "(development) " : ""}listening on http://localhost:${port}`);
});

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: no new connections; finishing the requests in flight`);
    closeGracefully(server, async () => {
      purge.stop();
      await outbox.stop();
      await nextApp.close().catch(() => {});
      await getHandle().close();
    }).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
