// better-auth as its documentation sets it up: PostgreSQL through a pg Pool (the built-in Kysely
// adapter), email and password for the key's owner, and the api-key plugin with its defaults,
// except per-key rate limiting: its default (10 requests a day) would refuse a benchmark.
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import pg from "pg";

// Idle connections stay open, as in postgres.js (Latchkey, the floor): pg's default closes them
// after 10 s, so every round would start by reconnecting.
export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
  idleTimeoutMillis: 0,
});

export const auth = betterAuth({
  baseURL: `http://127.0.0.1:${process.env.PORT ?? 3000}`,
  secret: process.env.BETTER_AUTH_SECRET,
  database: pool,
  emailAndPassword: { enabled: true },
  telemetry: { enabled: false },
  plugins: [apiKey({ rateLimit: { enabled: false } })],
});
