// Generates AUTH_SECRET into .env.local on first start, so a new user has nothing to configure.
// Not with DATABASE_URL: instances sharing a database must share a secret that the operator sets.
// Plain Node before the server (npm pre-scripts): it cannot load lib/env, a TypeScript module.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";

const file = ".env.local";
const current = existsSync(file) ? readFileSync(file, "utf8") : "";
const usesPostgres = !!process.env.DATABASE_URL || /^DATABASE_URL=\S/m.test(current);
if (!usesPostgres && !process.env.AUTH_SECRET && !/^AUTH_SECRET=/m.test(current)) {
  const prefix = current && !current.endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${prefix}AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`, {
    mode: 0o600,
  });
  console.log("Generated AUTH_SECRET in .env.local");
}
