// Runs once per server process before requests are served. Migrating here means only the server
// process opens the PGlite folder.
export async function register() {
  // Set by Next for each runtime it loads this in, not configuration: read as Next documents it.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUp } = await import("./lib/startup/check-config");
  await startUp();
  const { startRateLimitPurge } = await import("./lib/rate-limit/purge");
  startRateLimitPurge();
  const { startOutboxWorker } = await import("./lib/outbox/schedule");
  startOutboxWorker();
}
