import { ensureAuthSecret } from "@/lib/auth-secret";
import { env, EnvError, parseEnv, resetEnv, type Env } from "@/lib/env";
import { leakReportPublicKeys, LeakKeysConfigError } from "@/lib/leaks/public-keys";

/** A configuration the server must not run with; the message says what to change. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const MIN_SECRET_LENGTH = 32;

/**
 * Parses the environment (lib/env.ts) and checks what the schema alone cannot. AUTH_SECRET signs
 * session cookies and encrypts the OAuth signing key. With the embedded database there is one
 * instance, so one is generated into .env.local on first run. With PostgreSQL there may be several
 * instances: each generating its own would sign people out at random and make the stored signing
 * key unreadable to all but one, so the secret must be given.
 */
export function checkEnvironment(
  source: Record<string, string | undefined> = process.env,
  envFile = ".env.local",
) {
  try {
    parseEnv(source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    throw new ConfigError(invalidEnvironment(error));
  }
  checkLeakReportKeys(source);
  if (source.DATABASE_URL) checkSharedSecret(source.AUTH_SECRET);
  else ensureAuthSecret(envFile, source);
  // Anything read before this check (or a generated secret) is parsed again from what it saw.
  if (source === process.env) resetEnv();
}

const invalidEnvironment = (error: EnvError) =>
  `The environment has invalid values: ${error.message}.`;

/** The parsed environment for server.ts before start-up; a bad value ends the process. */
export async function serverEnvironment(): Promise<Env> {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return refuseToStart(invalidEnvironment(error));
  }
}

function checkSharedSecret(value: string | undefined) {
  const secret = value?.trim();
  if (!secret) {
    throw new ConfigError(
      "AUTH_SECRET is not set. With DATABASE_URL, every instance must share one secret: " +
        "generate one (e.g. `openssl rand -base64 32`) and set AUTH_SECRET to it in the " +
        "environment of every instance.",
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `AUTH_SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters ` +
        "(e.g. `openssl rand -base64 32`).",
    );
  }
}

/** Leak report keys, when configured, must be usable: a typo would silently refuse every report. */
function checkLeakReportKeys(source: Record<string, string | undefined>) {
  try {
    leakReportPublicKeys(source);
  } catch (error) {
    if (!(error instanceof LeakKeysConfigError)) throw error;
    throw new ConfigError(
      `The leak report public keys (LEAK_REPORT_PUBLIC_KEYS or LEAK_REPORT_PUBLIC_KEYS_FILE) ` +
        `cannot be used: ${error.message}.`,
    );
  }
}

/** The stored OAuth signing key must be readable with the current AUTH_SECRET. */
export async function checkStoredKeys() {
  const { findActiveSigningKey } = await import("@/db/queries/oauth-signing-keys");
  const { canDecryptPrivateJwk } = await import("@/lib/oauth/key-encryption");
  const row = await findActiveSigningKey();
  if (row && !canDecryptPrivateJwk(row.privateJwkEncrypted)) {
    throw new ConfigError(
      "The stored OAuth signing key cannot be decrypted with the current AUTH_SECRET. Restore " +
        "the AUTH_SECRET it was created with, or make a new key with " +
        "`npm run oauth:rotate-signing-key` (tokens signed by the old key then stop verifying).",
    );
  }
}

/** Logs why the server cannot start, in plain words on stderr too, and ends the process. */
export async function refuseToStart(message: string): Promise<never> {
  const { log } = await import("@/lib/log");
  log.fatal(`Latchkey cannot start: ${message}`);
  // Also on stderr, in plain words, for whoever reads the terminal rather than the log.
  process.stderr.write(`\nLatchkey cannot start: ${message}\n\n`);
  process.exit(1);
}

async function checkAndMigrate() {
  const { log } = await import("@/lib/log");
  try {
    checkEnvironment();
    const { getHandle } = await import("@/db/client");
    const handle = getHandle();
    if (env().DB_AUTO_MIGRATE !== "0") {
      const started = Date.now();
      await handle.migrate();
      log.info(`${handle.kind} database migrated in ${Date.now() - started} ms`);
    }
    await checkStoredKeys();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    await refuseToStart(error.message);
  }
}

const STARTED = Symbol.for("latchkey.startup");
const processWide = globalThis as unknown as { [STARTED]?: Promise<void> };

/**
 * Everything a server process does before it serves: checks the configuration, migrates (unless
 * DB_AUTO_MIGRATE=0) and checks what is stored against the configuration. A configuration error
 * is logged and ends the process with status 1. Once per process: server.ts runs it before it
 * listens, and Next's instrumentation, in its own module graph, gets the same promise.
 */
export function startUp(): Promise<void> {
  processWide[STARTED] ??= checkAndMigrate();
  return processWide[STARTED];
}
