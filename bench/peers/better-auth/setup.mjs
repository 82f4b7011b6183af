// Creates better-auth's tables in an empty database, one user and one API key, and prints the
// key as JSON on stdout for the benchmark.
import { getMigrations } from "better-auth/db/migration";
import { auth, pool } from "./auth.mjs";

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
const { user } = await auth.api.signUpEmail({
  body: { email: "bench@example.test", password: "bench-password-0123", name: "Bench" },
});
const created = await auth.api.createApiKey({ body: { userId: user.id, name: "bench" } });
process.stdout.write(JSON.stringify({ key: created.key }) + "\n");
await pool.end();
