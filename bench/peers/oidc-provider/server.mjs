// oidc-provider set up like Latchkey's token endpoint: the client_credentials grant only,
// client_secret_basic, clients held in memory, RFC 9068 JWT access tokens signed with ES256 for one
// resource (the public API) with an hour's lifetime and an org claim.
// PORT, CLIENT_ID and CLIENT_SECRET come from the benchmark.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const issuer = `http://127.0.0.1:${process.env.PORT}`;
const api = `${issuer}/api/v1`;
const signing = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
  format: "jwk",
});

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "data reports",
      // The keystore holds one ES256 key; the default (RS256) would have no key to sign with.
      id_token_signed_response_alg: "ES256",
    },
  ],
  jwks: { keys: [{ ...signing, kid: randomUUID(), alg: "ES256", use: "sig" }] },
  scopes: ["data", "reports"],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => api,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: "data reports",
        audience: api,
        accessTokenTTL: 3600,
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: "ES256" } },
      }),
    },
  },
  extraTokenClaims: () => ({ org: "bench" }),
  ttl: { ClientCredentials: 3600 },
});

createServer(provider.callback()).listen(Number(process.env.PORT), "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${process.env.PORT}`);
});
