import { z } from "zod";

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback).catch(fallback);

/**
 * Every variable the server reads, in one place. Parsed once at start-up (lib/startup), where a
 * bad value ends the process with its reason; everything else reads the parsed copy through env().
 */
const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (lib/http/forwarded.ts). */
  TRUSTED_PROXIES: z.string().optional(),

  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  DATABASE_VERIFY_POOL_SIZE: z.coerce.number().int().positive().default(2),
  /** How long a machine request waits for PostgreSQL before a 503; also its connect timeout. */
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  PGLITE_DIR: z.string().optional(),
  /** "0": the server does not migrate the database when it starts. */
  DB_AUTO_MIGRATE: z.string().optional(),

  AUTH_SECRET: z.string().optional(),
  /** The public origin: token issuer, links in emails and the API base URL shown. */
  APP_URL: z.url().optional(),
  /** Auth.js's public origin; stands in for APP_URL when only it is set. */
  AUTH_URL: z.url().optional(),
  OAUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),

  SALES_CONTACT_EMAIL: z.email().default("sales@example.com"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Latchkey <no-reply@latchkey.local>"),
  OUTBOX_DIR: z.string().default(".outbox"),
  OUTBOX_POLL_MS: positiveInt(1000),
  EXPIRY_SWEEP_MS: positiveInt(60_000),

  REDIS_URL: z.string().optional(),
  LEAK_REPORT_PUBLIC_KEYS: z.string().optional(),
  LEAK_REPORT_PUBLIC_KEYS_FILE: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** A variable that does not parse; the message names each one and what is wrong with it. */
export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (e.g. DATABASE_URL= to force PGlite) means unset, not an invalid value.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(set);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
  );
}

// One parsed copy per process, shared by server.ts's modules and Next's bundles of this file.
const PARSED = Symbol.for("latchkey.env");
const processWide = globalThis as unknown as { [PARSED]?: Env };

export function env(): Env {
  processWide[PARSED] ??= parseEnv(process.env);
  return processWide[PARSED];
}

/**
 * Drops the parsed copy, so the next env() parses process.env again: after the start-up check
 * has written a generated AUTH_SECRET into it, and in tests that change a variable.
 */
export function resetEnv() {
  delete processWide[PARSED];
}
