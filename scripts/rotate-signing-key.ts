// Operator command: npm run oauth:rotate-signing-key
// Retires the active access-token signing key and creates a new one. The retired public key stays
// in /.well-known/jwks.json until every token it signed has expired.
import { createDb, setHandle } from "@/db/client";
import { ensureAuthSecret } from "@/lib/auth-secret";
import { env } from "@/lib/env";
import { publicationWindowSeconds, rotateSigningKey } from "@/lib/oauth/signing-keys";

ensureAuthSecret();
// PGlite lets one process open a data folder; a second opener while the server runs corrupts it.
if (!env().DATABASE_URL && !process.argv.includes("--server-stopped")) {
  console.error(
    "With the embedded database (no DATABASE_URL), stop the server first, then run:\n" +
      "  npm run oauth:rotate-signing-key -- --server-stopped",
  );
  process.exit(2);
}
const handle = createDb();
setHandle(handle);
await handle.migrate();
const key = await rotateSigningKey();
console.log(
  `New signing key ${key.kid} is active; retired keys stay published for ${publicationWindowSeconds()} s.`,
);
await handle.close();
