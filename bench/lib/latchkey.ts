// Latchkey as an operator runs it: the production build started by `npm start` with PORT,
// DATABASE_URL and AUTH_SECRET (build first with `npm run build`). The benchmark seeds its
// database beforehand through the app's own queries.
import { randomBytes } from "node:crypto";
import { createDb } from "@/db/client";
import { insertApiKey } from "@/db/queries/keys";
import { insertMembership } from "@/db/queries/memberships";
import { insertOAuthClient } from "@/db/queries/oauth-clients";
import { insertOrganization } from "@/db/queries/organizations";
import { insertUser } from "@/db/queries/users";
import { apiIds } from "@/lib/api-catalogue";
import { digestSecret, generateClientSecret, newSecret } from "@/lib/secrets/prefixed";
import { startServer } from "./servers";

export type Seeded = {
  /** An API key for every API of an Enterprise organization. */
  apiKey: string;
  /** An OAuth client of that organization allowed the data and reports APIs. */
  client: { id: string; secret: string };
  /** With `rateLimitPerMinute`: a second key like the first, held to that limit. */
  limitedApiKey: string | null;
};

/** Migrates a fresh database and adds an Enterprise organization, its owner, a key and a client. */
export async function seedLatchkey(
  url: string,
  opts: { rateLimitPerMinute?: number } = {},
): Promise<Seeded> {
  const handle = createDb({ url });
  try {
    await handle.migrate();
    const suffix = randomBytes(4).toString("hex");
    const org = await insertOrganization(handle.db, {
      name: `Bench ${suffix}`,
      slug: `bench-${suffix}`,
      plan: "enterprise",
    });
    const user = await insertUser(handle.db, {
      email: `bench-${suffix}@example.test`,
      name: "Bench",
      passwordHash: "unused",
    });
    await insertMembership(handle.db, org.id, user.id, "owner");
    const { key, stored } = newSecret();
    await insertApiKey(
      handle.db,
      { orgId: org.id, name: "bench", teamId: null, apis: [...apiIds], createdBy: user.id },
      stored,
    );
    let limitedApiKey: string | null = null;
    if (opts.rateLimitPerMinute !== undefined) {
      const limited = newSecret();
      await insertApiKey(
        handle.db,
        {
          orgId: org.id,
          name: "bench (rate limited)",
          teamId: null,
          apis: [...apiIds],
          createdBy: user.id,
          rateLimitPerMinute: opts.rateLimitPerMinute,
        },
        limited.stored,
      );
      limitedApiKey = limited.key;
    }
    const secret = generateClientSecret();
    const client = await insertOAuthClient(handle.db, {
      orgId: org.id,
      name: "Bench client",
      apis: ["data", "reports"],
      secretHash: digestSecret(secret),
      createdBy: user.id,
    });
    return { apiKey: key, client: { id: client.clientId, secret }, limitedApiKey };
  } finally {
    await handle.close();
  }
}

/** The app's pool size (DATABASE_POOL_SIZE, default 10), given to the peers' pools as well. */
export const poolSize = process.env.DATABASE_POOL_SIZE || "10";
/**
 * The app's verification pool (DATABASE_VERIFY_POOL_SIZE, default 2): the floor, which does what
 * that pool does (one statement per request), gets the same, so it pipelines as the app does.
 */
export const verifyPoolSize = process.env.DATABASE_VERIFY_POOL_SIZE || "2";

export function startLatchkey(url: string, port: number) {
  return startServer({
    name: "Latchkey",
    command: "npm",
    args: ["start"],
    env: {
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    },
    port,
    ready: "/api/health",
  });
}
