// Operator command: npm run keys:revoke -- <key id>
// Revokes any API key, legacy keys included (the dashboard cannot revoke those), e.g. one that
// leaked. The key id is the one in the key's details URL: /settings/integrations/api-keys/<key id>.
import { userInfo } from "node:os";
import { createDb } from "@/db/client";
import { env } from "@/lib/env";
import { operatorActor, revokeKeyById } from "@/lib/keys/revoke";

const args = process.argv.slice(2);
const serverStopped = args.includes("--server-stopped");
const [keyId, ...extra] = args.filter((a) => a !== "--server-stopped");
if (!keyId || extra.length) {
  console.error("Usage: npm run keys:revoke -- <key id>");
  process.exit(2);
}
// PGlite lets one process open a data folder; a second opener while the server runs corrupts it.
if (!env().DATABASE_URL && !serverStopped) {
  console.error(
    "With the embedded database (no DATABASE_URL), stop the server first, then run:\n" +
      `  npm run keys:revoke -- --server-stopped ${keyId}`,
  );
  process.exit(2);
}

function osUser() {
  try {
    return userInfo().username;
  } catch {
    // The operator's login name for the audit record, not configuration.
    return process.env.USER ?? "unknown";
  }
}

const handle = createDb();
try {
  const result = await revokeKeyById(
    keyId,
    operatorActor(osUser()),
    { userAgent: "npm run keys:revoke" },
    handle.db,
  );
  if (result.outcome === "not_found") {
    console.error(`No API key with id ${keyId}.`);
    process.exitCode = 1;
  } else {
    const { key } = result;
    const what = `API key "${key.name}" (${key.id}${key.legacy ? ", legacy" : ""}) of ${key.orgName} (${key.orgSlug})`;
    console.log(
      result.outcome === "revoked"
        ? `Revoked ${what}: it stops working now.`
        : `${what} was already revoked${key.archivedAt ? ` on ${key.archivedAt.toISOString()}` : ""}; nothing changed.`,
    );
  }
} catch (error) {
  console.error(`Revoking failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
