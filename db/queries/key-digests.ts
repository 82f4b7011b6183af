import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { apiKeySecrets } from "../schema";

/** Whether any key secret, live or dead, has this digest (the digest is unique across them all). */
export async function keyDigestExists(digest: string, db: Executor = getDb()): Promise<boolean> {
  const [known] = await db
    .select({ id: apiKeySecrets.id })
    .from(apiKeySecrets)
    .where(eq(apiKeySecrets.digest, digest));
  return known !== undefined;
}
