import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";

// Both kinds of secret Latchkey issues share one shape: a recognisable prefix (so scanners can
// spot a leaked one), 32 CSPRNG bytes in fixed-width base62 and a CRC32 checksum in base62 (so a
// mistyped or forged secret is refused without a database query). Only the SHA-256 digest is stored.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 43; // 62^43 > 2^256: every 32-byte value fits, zero-padded to a fixed width
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

function toBase62(value: bigint, width: number): string {
  let out = "";
  let n = value;
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(width, "0");
}

/** The CRC32 in base62; plain number arithmetic, since it fits in 32 bits (checked per request). */
function checksumOf(text: string): string {
  let n = crc32(text);
  let out = "";
  while (n > 0) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(CHECKSUM_LENGTH, "0");
}

/** `prefix` + 32 CSPRNG bytes in base62 + the checksum of both. */
function generatePrefixed(prefix: string): string {
  const head = prefix + toBase62(BigInt(`0x${randomBytes(32).toString("hex")}`), BODY_LENGTH);
  return head + checksumOf(head);
}

function checksumMatches(text: string): boolean {
  return checksumOf(text.slice(0, -CHECKSUM_LENGTH)) === text.slice(-CHECKSUM_LENGTH);
}

/** Hex SHA-256 of the whole secret: what the database stores and looks up. */
export function digestSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

/** Constant-time comparison of two hex SHA-256 digests (always equal length). */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}

// API keys: lk_<environment>_…

export const KEY_PREFIX = "lk_";
export const keyEnvironments = ["live", "test"] as const;
export type KeyEnvironment = (typeof keyEnvironments)[number];

const KEY_PATTERN = new RegExp(
  `^lk_(${keyEnvironments.join("|")})_[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`,
);

/** A new key: `lk_live_` + 32 CSPRNG bytes in fixed-width base62 + CRC32 checksum. */
export function generateKey(environment: KeyEnvironment = "live"): string {
  return generatePrefixed(`${KEY_PREFIX}${environment}_`);
}

export type ParsedKey = { environment: KeyEnvironment; key: string };

/**
 * Checks prefix, length, alphabet and checksum locally, so a mistyped or forged key is refused
 * before any database work.
 */
export function parseKey(text: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(text);
  if (!match || !checksumMatches(text)) return null;
  return { environment: match[1] as KeyEnvironment, key: text };
}

export function looksLikeKey(text: string): boolean {
  return text.startsWith(KEY_PREFIX);
}

/** What is kept to show a key masked: its prefix (`lk_live_`) and last four characters. */
export function maskParts(key: string): { prefix: string; last4: string } {
  const match = /^(lk_[a-z]+_)/.exec(key);
  return { prefix: match?.[1] ?? "", last4: key.slice(-4) };
}

export function maskedKey(parts: { prefix: string; last4: string }): string {
  return `${parts.prefix || "••"}••••••••${parts.last4}`;
}

/** A fresh key and what the database keeps of it (digest and mask parts, never the text). */
export function newSecret() {
  const key = generateKey();
  return { key, stored: { digest: digestSecret(key), ...maskParts(key) } };
}

/** Keys imported from the earlier system have no checksum; they must at least look like this. */
export const LEGACY_KEY_PATTERN = /^[\x21-\x7e]{16,256}$/;

// OAuth client secrets: lkcs_…

export const CLIENT_SECRET_PREFIX = "lkcs_";
export const CLIENT_SECRET_LENGTH = CLIENT_SECRET_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const CLIENT_SECRET_PATTERN = new RegExp(
  `^${CLIENT_SECRET_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`,
);

export function generateClientSecret(): string {
  return generatePrefixed(CLIENT_SECRET_PREFIX);
}

/** Shape and checksum only: a mistyped or forged secret is refused without a database query. */
export function isWellFormedClientSecret(secret: string): boolean {
  return (
    secret.length === CLIENT_SECRET_LENGTH &&
    CLIENT_SECRET_PATTERN.test(secret) &&
    checksumMatches(secret)
  );
}
