import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";

/**
 * Makes sure AUTH_SECRET exists: taken from the environment or .env.local, else — only with the
 * embedded database, which has a single instance — generated into .env.local (for starts that
 * bypass the npm scripts, such as `next start` run directly).
 */
export function ensureAuthSecret(
  file = ".env.local",
  // process.env itself, not lib/env's parsed copy: this writes the generated secret into it.
  env: Record<string, string | undefined> = process.env,
) {
  if (env.AUTH_SECRET) return;
  const current = existsSync(/*turbopackIgnore: true*/ file)
    ? readFileSync(/*turbopackIgnore: true*/ file, "utf8")
    : "";
  const match = /^AUTH_SECRET=(.+)$/m.exec(current);
  if (match) {
    env.AUTH_SECRET = match[1]!.trim();
    return;
  }
  // Instances sharing a PostgreSQL database must share the secret: never make one up for them.
  if (env.DATABASE_URL) return;
  const secret = randomBytes(32).toString("base64url");
  const prefix = current && !current.endsWith("\n") ? "\n" : "";
  appendFileSync(/*turbopackIgnore: true*/ file, `${prefix}AUTH_SECRET=${secret}\n`, {
    mode: 0o600,
  });
  env.AUTH_SECRET = secret;
}
