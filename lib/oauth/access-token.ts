import "server-only";
import { randomUUID, sign } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import { now, nowMs } from "@/lib/clock";
import { ACCESS_TOKEN_TYPE, audienceFor, configuredIssuer, tokenTtlSeconds } from "./config";
import { currentSigningKey, verificationKey } from "./signing-keys";

export type AccessTokenClaims = JWTPayload & {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope: string;
  org: string;
  /** The client's secret generation at issue; absent from tokens older than this claim. */
  sgen?: number;
};

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString("base64url");

// The encoded JOSE header changes only with the signing key.
let header: { kid: string; alg: string; encoded: string } | undefined;
function protectedHeader(kid: string, alg: string): string {
  if (header?.kid !== kid || header.alg !== alg) {
    header = { kid, alg, encoded: base64url({ alg, kid, typ: ACCESS_TOKEN_TYPE }) };
  }
  return header.encoded;
}

/**
 * RFC 9068 JWT access token for a client of `orgId`: a compact JWS (RFC 7515) signed with ES256
 * through node:crypto. jose's sign goes through WebCrypto, which costs about twice as much
 * per token on the token endpoint's hot path; verification stays with jose.
 */
export async function issueAccessToken(input: {
  issuer: string;
  clientId: string;
  orgId: string;
  scope: string[];
  secretGeneration: number;
  /** The client's expiry: the token never outlives it. */
  notAfter?: Date | null;
}) {
  const { kid, alg, key } = await currentSigningKey();
  const jti = randomUUID();
  const iat = Math.floor(nowMs() / 1000);
  const exp = Math.min(
    iat + tokenTtlSeconds(),
    input.notAfter ? Math.floor(input.notAfter.getTime() / 1000) : Infinity,
  );
  const expiresIn = Math.max(0, exp - iat);
  const signingInput = `${protectedHeader(kid, alg)}.${base64url({
    client_id: input.clientId,
    scope: input.scope.join(" "),
    org: input.orgId,
    sgen: input.secretGeneration,
    iss: input.issuer,
    sub: input.clientId,
    aud: audienceFor(input.issuer),
    iat,
    exp,
    jti,
  })}`;
  // JWS ES256 signatures are the raw r || s pair (RFC 7518 §3.4), not DER.
  const signature = sign("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" });
  return { token: `${signingInput}.${signature.toString("base64url")}`, expiresIn, jti };
}

/**
 * Checks signature, typ, iss, aud and exp; no database state (revocation is the caller's second
 * step). Null for anything that is not one of our valid tokens.
 */
export async function verifyAccessTokenSignature(
  token: string,
  opts: { issuer?: string } = {},
): Promise<AccessTokenClaims | null> {
  const checked = await checkAccessTokenSignature(token, opts);
  return checked && "claims" in checked ? checked.claims : null;
}

/** As verifyAccessTokenSignature, telling an expired token (with a valid signature) apart. */
export async function checkAccessTokenSignature(
  token: string,
  opts: { issuer?: string } = {},
): Promise<{ claims: AccessTokenClaims } | { expired: true } | null> {
  if (token.length > 4096 || token.split(".").length !== 3) return null;
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(token);
    if (header.typ !== ACCESS_TOKEN_TYPE) return null;
    kid = header.kid;
  } catch {
    return null;
  }
  if (typeof kid !== "string") return null;
  // Outside the try: a database that cannot be reached is the caller's 503, not an invalid token.
  const key = await verificationKey(kid);
  if (!key) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      typ: ACCESS_TOKEN_TYPE,
      algorithms: ["ES256"],
      requiredClaims: ["iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope"],
      currentDate: now(),
    });
    const issuer = opts.issuer ?? configuredIssuer();
    if (typeof payload.iss !== "string" || (issuer && payload.iss !== issuer)) return null;
    // Without a configured issuer, tokens carry the origin they were issued on; the audience
    // must still be that origin's public API.
    if (payload.aud !== audienceFor(payload.iss)) return null;
    if (typeof payload.org !== "string" || typeof payload.client_id !== "string") return null;
    if (typeof payload.scope !== "string" || typeof payload.jti !== "string") return null;
    if (payload.sgen !== undefined && !Number.isSafeInteger(payload.sgen)) return null;
    return { claims: payload as AccessTokenClaims };
  } catch (error) {
    // jose checks the signature before the claims: an expired token is one of ours.
    return error instanceof errors.JWTExpired ? { expired: true } : null;
  }
}
