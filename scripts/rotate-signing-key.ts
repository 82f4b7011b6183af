// Operator command: npm run oauth:rotate-signing-key
// Retires the active access-token signing key and creates a new one. The retired public key stays
// in /.well-known/jwks.json until every token it signed has expired.
import { createDb, setHandle } from "@/db/client";
import { ensureAuthSecret } from "@/lib/auth-secret";
import { publicationWindowSeconds, rotateSigningKey } from "@/lib/oauth/signing-keys";

ensureAuthSecret();
const handle = createDb();
setHandle(handle);
await handle.migrate();
const key = await rotateSigningKey();
console.log(
  `New signing key ${key.kid} is active; retired keys stay published for ${publicationWindowSeconds()} s.`,
);
await handle.close();
