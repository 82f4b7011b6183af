import { hash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 43; // 62^43 > 2^256: any 32-byte value fits in 43 base62 digits
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
export const KEY_PREFIX = "lk_";
export const keyEnvironments = ["live", "test"] as const;
export type KeyEnvironment = (typeof keyEnvironments)[number];

const KEY_PATTERN = new RegExp(
  `^lk_(${keyEnvironments.join("|")})_([0-9A-Za-z]{${BODY_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

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

/** A new key: `lk_live_` + 32 CSPRNG bytes in fixed-width base62 + CRC32 checksum. */
export function generateKey(environment: KeyEnvironment = "live"): string {
  const body = toBase62(BigInt(`0x${randomBytes(32).toString("hex")}`), BODY_LENGTH);
  const head = `${KEY_PREFIX}${environment}_${body}`;
  return head + checksumOf(head);
}

export type ParsedKey = { environment: KeyEnvironment; key: string };

/**
 * Checks prefix, length, alphabet and checksum locally, so a mistyped or forged key is refused
 * before any database work.
 */
export function parseKey(text: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(text);
  if (!match) return null;
  const head = text.slice(0, text.length - CHECKSUM_LENGTH);
  if (checksumOf(head) !== match[3]) return null;
  return { environment: match[1] as KeyEnvironment, key: text };
}

export function looksLikeKey(text: string): boolean {
  return text.startsWith(KEY_PREFIX);
}

/** Hex SHA-256 of the whole key: what the database stores and looks up. */
export function digestKey(key: string): string {
  return hash("sha256", key, "hex");
}

/** What is kept to show a key masked: its prefix (`lk_live_`) and last four characters. */
export function maskParts(key: string): { prefix: string; last4: string } {
  const match = /^(lk_[a-z]+_)/.exec(key);
  return { prefix: match?.[1] ?? "", last4: key.slice(-4) };
}

export function maskedKey(parts: { prefix: string; last4: string }): string {
  return `${parts.prefix || "••"}••••••••${parts.last4}`;
}

/** Keys imported from the earlier system have no checksum; they must at least look like this. */
export const LEGACY_KEY_PATTERN = /^[\x21-\x7e]{16,256}$/;
