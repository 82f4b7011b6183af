import "server-only";
import { desc, gt, isNull, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { oauthSigningKeys } from "../schema";

export async function findActiveSigningKey(db: Executor = getDb()) {
  const [row] = await db
    .select()
    .from(oauthSigningKeys)
    .where(isNull(oauthSigningKeys.retiredAt))
    .limit(1);
  return row;
}

/** The active key and the retired ones whose tokens may still be unexpired. */
export async function listPublishedSigningKeys(
  retiredWithinSeconds: number,
  db: Executor = getDb(),
) {
  return db
    .select({
      kid: oauthSigningKeys.kid,
      alg: oauthSigningKeys.alg,
      publicJwk: oauthSigningKeys.publicJwk,
      retiredAt: oauthSigningKeys.retiredAt,
    })
    .from(oauthSigningKeys)
    .where(
      or(
        isNull(oauthSigningKeys.retiredAt),
        gt(oauthSigningKeys.retiredAt, sql`now() - make_interval(secs => ${retiredWithinSeconds})`),
      ),
    )
    .orderBy(desc(oauthSigningKeys.createdAt));
}

/** Serialises creators and rotators of the signing key across instances. */
export async function lockSigningKeys(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('oauth_signing_keys', 0))`);
}

export async function retireActiveSigningKeys(tx: Executor) {
  await tx
    .update(oauthSigningKeys)
    .set({ retiredAt: sql`now()` })
    .where(isNull(oauthSigningKeys.retiredAt));
}

export async function insertSigningKey(
  tx: Executor,
  values: {
    kid: string;
    alg: string;
    publicJwk: Record<string, unknown>;
    privateJwkEncrypted: string;
  },
) {
  const [row] = await tx.insert(oauthSigningKeys).values(values).returning();
  return row!;
}
