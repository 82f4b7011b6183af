import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().optional(),
  SALES_CONTACT_EMAIL: z.email().default("sales@example.com"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Latchkey <no-reply@latchkey.local>"),
  OUTBOX_DIR: z.string().default(".outbox"),
  APP_URL: z.string().url().optional(),
  REDIS_URL: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  // An empty variable (e.g. DATABASE_URL= to force PGlite) means unset, not an invalid value.
  cached ??= envSchema.parse(
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")),
  );
  return cached;
}
