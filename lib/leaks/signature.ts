import { verify } from "node:crypto";
import { leakReportPublicKeys } from "./public-keys";

/**
 * The headers a signed report carries: the id of the key that signed it and the base64 DER ECDSA
 * signature of the raw body. GitHub's secret scanning sends its own names; both are accepted.
 */
export const SIGNATURE_HEADERS = {
  keyId: ["leak-report-key-identifier", "github-public-key-identifier"],
  signature: ["leak-report-signature", "github-public-key-signature"],
} as const;

function firstHeader(headers: Headers, names: readonly string[]): string | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value) return value.trim();
  }
  return null;
}

export type SignedBy = { keyId: string; signature: Buffer };

/** The signature headers, or null when either is missing or not base64. */
export function signatureHeaders(headers: Headers): SignedBy | null {
  const keyId = firstHeader(headers, SIGNATURE_HEADERS.keyId);
  const signature = firstHeader(headers, SIGNATURE_HEADERS.signature);
  if (!keyId || !signature || keyId.length > 200 || signature.length > 512) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return null;
  return { keyId, signature: Buffer.from(signature, "base64") };
}

/**
 * Whether `body`, exactly as received, was signed (ECDSA P-256, SHA-256) by the configured key
 * the report names. An unknown key id is simply not valid.
 */
export function isValidReportSignature(body: Uint8Array, signed: SignedBy): boolean {
  const key = leakReportPublicKeys().get(signed.keyId);
  if (!key) return false;
  try {
    return verify("sha256", body, { key, dsaEncoding: "der" }, signed.signature);
  } catch {
    return false;
  }
}
