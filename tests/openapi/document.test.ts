import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { apiOperations } from "@/app/api/openapi.json/document";
import { GET } from "@/app/api/openapi.json/route";
import { apiIds } from "@/lib/api-catalogue";

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

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const v1Dir = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Every route handler under app/api/v1 as [path, method] pairs, read from the file tree. */
async function routeHandlers() {
  const found: [string, string][] = [];
  const files = readdirSync(v1Dir, { recursive: true, encoding: "utf8" }).filter(
    (f) => path.basename(f) === "route.ts",
  );
  for (const file of files) {
    const mod = (await import(path.join(v1Dir, file))) as Record<string, unknown>;
    const route = `/api/v1/${path.dirname(file).split(path.sep).join("/")}`;
    for (const method of METHODS) {
      if (typeof mod[method] === "function") found.push([route, method.toLowerCase()]);
    }
  }
  return found;
}

let doc: Doc;

beforeAll(async () => {
  const response = GET(new Request("http://localhost:3000/api/openapi.json"));
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

  it("documents every route handler under app/api/v1, and nothing that does not exist", async () => {
    const handlers = await routeHandlers();
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
