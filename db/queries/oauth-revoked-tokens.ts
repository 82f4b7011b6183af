import "server-only";
import { lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { oauthRevokedTokens } from "../schema";

export async function insertRevokedToken(
  values: { jti: string; clientId: string; expiresAt: Date },
  db: Executor = getDb(),
) {
  await db.insert(oauthRevokedTokens).values(values).onConflictDoNothing();
}

/** Revocation entries outlive their token for nothing; dropped once the token has expired. */
export async function purgeExpiredRevokedTokens(db: Executor = getDb()) {
  await db.delete(oauthRevokedTokens).where(lt(oauthRevokedTokens.expiresAt, sql`now()`));
}
