import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { apiIds } from "@/lib/api-catalogue";
import { machineApp } from "@/machine/app";
import { apiOperations } from "@/machine/openapi/document";
import { METHODS } from "@/machine/routing";
import { machine } from "../helpers/machine";

type Operation = {
  security?: Record<string, string[]>[];
  "x-required-api"?: string | null;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
type Doc = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { required?: string[]; additionalProperties?: unknown }>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
};

/** Every handler the machine door serves under /api/v1 as [path, method] pairs, from its router. */
function routeHandlers() {
  const methods: readonly string[] = METHODS;
  const found = machineApp.routes
    .filter((r) => r.path.startsWith("/api/v1/") && methods.includes(r.method))
    .map((r): [string, string] => [r.path, r.method.toLowerCase()]);
  return [...new Map(found.map((pair) => [pair.join(" "), pair])).values()];
}

let doc: Doc;

beforeAll(async () => {
  const response = await machine(new Request("http://localhost:3000/api/openapi.json"));
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
});

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(doc.servers).toEqual([{ url: "http://localhost:3000" }]);
  });

  it("documents every route the machine door serves under /api/v1, and nothing else", async () => {
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThanOrEqual(11);
    for (const [route, method] of handlers) {
      expect(doc.paths[route]?.[method], `${method.toUpperCase()} ${route}`).toBeDefined();
    }
    const documented = Object.entries(doc.paths)
      .filter(([route]) => route.startsWith("/api/v1/"))
      .flatMap(([route, ops]) => Object.keys(ops).map((m) => `${m} ${route}`));
    expect(documented.sort()).toEqual(handlers.map(([r, m]) => `${m} ${r}`).sort());
  });

  it("offers both security schemes, the OAuth one with the token URL and every API as a scope", () => {
    const { apiKey, oauth2 } = doc.components.securitySchemes;
    expect(apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(oauth2).toMatchObject({
      type: "oauth2",
      flows: { clientCredentials: { tokenUrl: "/api/oauth/token" } },
    });
    const scopes = (oauth2 as { flows: { clientCredentials: { scopes: object } } }).flows
      .clientCredentials.scopes;
    expect(Object.keys(scopes).sort()).toEqual([...apiIds].sort());
  });

  it("names the scope each operation needs and documents its error shapes", () => {
    const proposals = doc.paths["/api/v1/proposals"]!.post!;
    expect(proposals["x-required-api"]).toBe("proposals");
    expect(proposals.security).toEqual([{ apiKey: ["proposals"] }, { oauth2: ["proposals"] }]);
    for (const status of ["400", "401", "403", "413", "415", "500"]) {
      expect(proposals.responses[status]?.content?.["application/json"]?.schema.$ref).toBe(
        "#/components/schemas/Error",
      );
    }
    const me = doc.paths["/api/v1/me"]!.get!;
    expect(me.security).toEqual([{ apiKey: [] }, { oauth2: [] }]);
    expect(doc.paths["/api/v1/ping"]!.get!.security).toEqual([]);
    for (const route of ["/api/oauth/token", "/api/oauth/revoke", "/api/oauth/introspect"]) {
      expect(doc.paths[route]?.post, route).toBeDefined();
    }
  });

  it("describes request bodies with the schemas the handlers validate with", () => {
    const body = doc.paths["/api/v1/proposals"]!.post!.requestBody!.content["application/json"]!
      .schema as { required?: string[]; additionalProperties?: unknown; properties: object };
    // The handler's strictObject: title required, unknown fields refused.
    expect(body.required).toEqual(["title"]);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(body.properties).sort()).toEqual(["amount", "body", "title"]);
  });

  it("gives request examples the handlers accept", () => {
    const withExamples = apiOperations.filter((op) => op.body);
    expect(withExamples.length).toBeGreaterThanOrEqual(4);
    for (const op of withExamples) {
      expect(op.bodyExample, op.operationId).toBeDefined();
      expect(op.body!.safeParse(op.bodyExample).success, op.operationId).toBe(true);
    }
  });
});
