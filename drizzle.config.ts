import { defineConfig } from "drizzle-kit";

// `generate` needs no database; `migrate`/`studio` use DATABASE_URL, else the local PGlite folder.
// Read directly: drizzle-kit loads this file on its own, without the app's modules (lib/env).
const url = process.env.DATABASE_URL;

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  ...(url
    ? { dbCredentials: { url } }
    : { driver: "pglite", dbCredentials: { url: process.env.PGLITE_DIR ?? "./.data/pglite" } }),
});
