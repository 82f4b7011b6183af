import "server-only";
import { randomUUID } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from "jose";
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
};

/** RFC 9068 JWT access token for a client of `orgId`. */
export async function issueAccessToken(input: {
  issuer: string;
  clientId: string;
  orgId: string;
  scope: string[];
}) {
  const { kid, alg, key } = await currentSigningKey();
  const expiresIn = tokenTtlSeconds();
  const jti = randomUUID();
  const token = await new SignJWT({
    client_id: input.clientId,
    scope: input.scope.join(" "),
    org: input.orgId,
  })
    .setProtectedHeader({ alg, kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(input.issuer)
    .setSubject(input.clientId)
    .setAudience(audienceFor(input.issuer))
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .setJti(jti)
    .sign(key);
  return { token, expiresIn, jti };
}

/**
 * Checks signature, typ, iss, aud and exp; no database state (revocation is the caller's second
 * step). Null for anything that is not one of our valid tokens.
 */
export async function verifyAccessTokenSignature(
  token: string,
  opts: { issuer?: string } = {},
): Promise<AccessTokenClaims | null> {
  if (token.length > 4096 || token.split(".").length !== 3) return null;
  try {
    const header = decodeProtectedHeader(token);
    if (header.typ !== ACCESS_TOKEN_TYPE || typeof header.kid !== "string") return null;
    const key = await verificationKey(header.kid);
    if (!key) return null;
    const { payload } = await jwtVerify(token, key, {
      typ: ACCESS_TOKEN_TYPE,
      algorithms: ["ES256"],
      requiredClaims: ["iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope"],
    });
    const issuer = opts.issuer ?? configuredIssuer();
    if (typeof payload.iss !== "string" || (issuer && payload.iss !== issuer)) return null;
    // Without a configured issuer, tokens carry the origin they were issued on; the audience
    // must still be that origin's public API.
    if (payload.aud !== audienceFor(payload.iss)) return null;
    if (typeof payload.org !== "string" || typeof payload.client_id !== "string") return null;
    if (typeof payload.scope !== "string" || typeof payload.jti !== "string") return null;
    return payload as AccessTokenClaims;
  } catch {
    return null;
  }
}
