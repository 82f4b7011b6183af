import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerApiOperation } from "./operation";
import { securitySchemes } from "./security";
import {
  CLIENT_BASIC_SCHEME,
  clientSecretBasicScheme,
  registerOAuthOperations,
} from "../oauth/openapi";
import { dataOperations } from "../v1/data/openapi";
import { meOperations } from "../v1/me/openapi";
import { pingOperations } from "../v1/ping/openapi";
import { proposalOperations } from "../v1/proposals/openapi";
import { pushOperations } from "../v1/push/openapi";
import { reportOperations } from "../v1/reports/openapi";
import { segmentationOperations } from "../v1/segmentation/openapi";

export const apiOperations = [
  ...meOperations,
  ...pingOperations,
  ...proposalOperations,
  ...dataOperations,
  ...reportOperations,
  ...segmentationOperations,
  ...pushOperations,
];

function generate() {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    registry.registerComponent("securitySchemes", name, scheme);
  }
  registry.registerComponent("securitySchemes", CLIENT_BASIC_SCHEME, clientSecretBasicScheme);
  for (const op of apiOperations) registerApiOperation(registry, op);
  registerOAuthOperations(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Latchkey API",
      version: "1.0.0",
      description:
        "Send an API key (Settings › Integrations) or an OAuth access token (ADMIN › API Management) as `Authorization: Bearer …`. Each endpoint needs the API named in its description. Errors are JSON `{ error, error_description }`; credential errors follow RFC 6750.",
    },
    tags: [
      { name: "General" },
      { name: "Proposals" },
      { name: "Data" },
      { name: "Reports" },
      { name: "Segmentation" },
      { name: "Push" },
      { name: "OAuth" },
    ],
  });
}

let cached: ReturnType<typeof generate> | undefined;

/** The OpenAPI 3.1 document, served from `origin`. */
export function openApiDocument(origin: string) {
  cached ??= generate();
  return { ...cached, servers: [{ url: origin }] };
}
