import "server-only";
import { createPrivateKey, randomUUID, type JsonWebKey, type KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { getDb } from "@/db/client";
import {
  findActiveSigningKey,
  insertSigningKey,
  listPublishedSigningKeys,
  lockSigningKeys,
  retireActiveSigningKeys,
} from "@/db/queries/oauth-signing-keys";
import { SIGNING_ALG, tokenTtlSeconds } from "./config";
import { decryptPrivateJwk, encryptPrivateJwk } from "./key-encryption";

// An instance may keep signing with a just-retired key for this long, so retired keys stay
// published for the token lifetime plus this margin.
const SIGNING_KEY_CACHE_MS = 30_000;
const PUBLIC_KEY_CACHE_MS = 60_000;

type SigningKey = { kid: string; alg: string; key: KeyObject };

const cache = globalThis as unknown as {
  __lkSigning?: { value: Promise<SigningKey>; at: number };
  __lkPublic?: { value: Promise<Map<string, CryptoKey>>; at: number };
};

async function newKeyRow() {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  return {
    kid,
    alg: SIGNING_ALG,
    publicJwk,
    privateJwkEncrypted: encryptPrivateJwk(await exportJWK(privateKey)),
  };
}

/**
 * The active signing key row, created on first use. The advisory lock plus the one-active unique
 * index mean concurrent first uses on several instances end with exactly one key.
 */
export async function ensureActiveSigningKey() {
  const existing = await findActiveSigningKey();
  if (existing) return existing;
  const candidate = await newKeyRow();
  return getDb().transaction(async (tx) => {
    await lockSigningKeys(tx);
    const winner = await findActiveSigningKey(tx);
    if (winner) return winner;
    return insertSigningKey(tx, candidate);
  });
}

/** Retires the active key and makes a new one; the old public key stays published. */
export async function rotateSigningKey() {
  const candidate = await newKeyRow();
  const row = await getDb().transaction(async (tx) => {
    await lockSigningKeys(tx);
    await retireActiveSigningKeys(tx);
    return insertSigningKey(tx, candidate);
  });
  delete cache.__lkSigning;
  delete cache.__lkPublic;
  return row;
}

export async function currentSigningKey(): Promise<SigningKey> {
  const hit = cache.__lkSigning;
  if (hit && Date.now() - hit.at < SIGNING_KEY_CACHE_MS) return hit.value;
  const value = (async () => {
    const row = await ensureActiveSigningKey();
    if (row.alg !== SIGNING_ALG) throw new Error(`Unsupported signing algorithm ${row.alg}`);
    // A node:crypto KeyObject signs synchronously, without WebCrypto's per-call job and promise.
    const key = createPrivateKey({
      key: decryptPrivateJwk(row.privateJwkEncrypted) as JsonWebKey,
      format: "jwk",
    });
    return { kid: row.kid, alg: row.alg, key };
  })();
  cache.__lkSigning = { value, at: Date.now() };
  value.catch(() => delete cache.__lkSigning);
  return value;
}

/** Retired keys stay published while tokens they signed can still be unexpired. */
export function publicationWindowSeconds() {
  return tokenTtlSeconds() + Math.ceil(SIGNING_KEY_CACHE_MS / 1000) + 60;
}

export async function publishedJwks() {
  const rows = await listPublishedSigningKeys(publicationWindowSeconds());
  return { keys: rows.map((r) => r.publicJwk) };
}

/** Public keys by kid. Only public keys are cached; every verification still checks the DB. */
export async function verificationKey(kid: string): Promise<CryptoKey | undefined> {
  const load = async (force: boolean) => {
    const hit = cache.__lkPublic;
    if (!force && hit && Date.now() - hit.at < PUBLIC_KEY_CACHE_MS) return hit.value;
    const value = (async () => {
      const rows = await listPublishedSigningKeys(publicationWindowSeconds());
      const map = new Map<string, CryptoKey>();
      for (const r of rows)
        map.set(r.kid, (await importJWK(r.publicJwk as JWK, r.alg)) as CryptoKey);
      return map;
    })();
    cache.__lkPublic = { value, at: Date.now() };
    value.catch(() => delete cache.__lkPublic);
    return value;
  };
  const keys = await load(false);
  if (keys.has(kid)) return keys.get(kid);
  // A kid we have not seen may come from a rotation on another instance.
  return (await load(true)).get(kid);
}
