import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";

export const CLIENT_SECRET_PREFIX = "lkcs_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 43; // 62^43 > 2^256: every 32-byte value fits, zero-padded to a fixed width
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
export const CLIENT_SECRET_LENGTH = CLIENT_SECRET_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const SHAPE = new RegExp(`^${CLIENT_SECRET_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);

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

/** `lkcs_` + 32 CSPRNG bytes in base62 + a CRC32 checksum, so scanners recognise a leaked secret. */
export function generateClientSecret(): string {
  const body = toBase62(BigInt(`0x${randomBytes(32).toString("hex")}`), BODY_LENGTH);
  const head = CLIENT_SECRET_PREFIX + body;
  return head + checksumOf(head);
}

/** Shape and checksum only: a mistyped or forged secret is refused without a database query. */
export function isWellFormedClientSecret(secret: string): boolean {
  if (secret.length !== CLIENT_SECRET_LENGTH || !SHAPE.test(secret)) return false;
  const head = secret.slice(0, -CHECKSUM_LENGTH);
  return checksumOf(head) === secret.slice(-CHECKSUM_LENGTH);
}

export function hashClientSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

/** Constant-time comparison of two hex SHA-256 digests (always equal length). */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}
