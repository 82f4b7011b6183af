// Runs once per server process before requests are served. Migrating here means only the server
// process opens the PGlite folder.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureAuthSecret } = await import("./lib/auth-secret");
  ensureAuthSecret();
  if (process.env.DB_AUTO_MIGRATE !== "0") {
    const { getHandle } = await import("./db/client");
    const handle = getHandle();
    const started = Date.now();
    await handle.migrate();
    console.log(`[latchkey] ${handle.kind} database migrated in ${Date.now() - started} ms`);
  }
  const { startRateLimitPurge } = await import("./lib/rate-limit/purge");
  startRateLimitPurge();
}
