import { isNull } from "drizzle-orm";
import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { oauthSigningKeys } from "@/db/schema";
import { ensureActiveSigningKey, publishedJwks, rotateSigningKey } from "@/lib/oauth/signing-keys";
import { decryptPrivateJwk } from "@/lib/oauth/key-encryption";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { createClient, tokenFor } from "./helpers";

const database = setUpTestDatabase();

describe("signing keys", () => {
  it("concurrent first uses end with exactly one active key", async () => {
    const rows = await Promise.all(Array.from({ length: 8 }, () => ensureActiveSigningKey()));
    expect(new Set(rows.map((r) => r.kid)).size).toBe(1);
    const active = await database.db
      .select()
      .from(oauthSigningKeys)
      .where(isNull(oauthSigningKeys.retiredAt));
    expect(active).toHaveLength(1);
  });

  it("the database refuses a second active key", async () => {
    await ensureActiveSigningKey();
    await expect(
      database.db.insert(oauthSigningKeys).values({
        kid: "second",
        alg: "ES256",
        publicJwk: {},
        privateJwkEncrypted: "x",
      }),
    ).rejects.toThrow();
  });

  it("stores the private key encrypted: no `d` parameter in clear", async () => {
    const row = await ensureActiveSigningKey();
    const [stored] = await database.db.select().from(oauthSigningKeys);
    const dump = JSON.stringify(stored);
    const d = decryptPrivateJwk(row.privateJwkEncrypted).d as string;
    expect(d).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(dump).not.toContain(d);
    expect(dump).not.toMatch(/"d"\s*:/);
    expect(stored?.publicJwk).not.toHaveProperty("d");
  });

  it("refuses to decrypt under another AUTH_SECRET", async () => {
    const row = await ensureActiveSigningKey();
    const saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-secret-entirely-0123456789";
    try {
      expect(() => decryptPrivateJwk(row.privateJwkEncrypted)).toThrow();
    } finally {
      process.env.AUTH_SECRET = saved;
    }
  });

  it("rotation keeps the old public key published and its tokens valid", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin);
    const before = await tokenFor(c);
    const old = await ensureActiveSigningKey();
    const fresh = await rotateSigningKey();
    expect(fresh.kid).not.toBe(old.kid);
    const jwks = await publishedJwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([old.kid, fresh.kid]));
    const after = await tokenFor(c);
    const set = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
    expect((await jwtVerify(after, set)).protectedHeader.kid).toBe(fresh.kid);
    expect((await jwtVerify(before, set)).protectedHeader.kid).toBe(old.kid);
    expect(await verifyAccessToken(before)).not.toBeNull();
    expect(await verifyAccessToken(after)).not.toBeNull();
  });
});
