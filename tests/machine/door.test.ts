import { afterEach, describe, expect, it, vi } from "vitest";
import { isMachinePath } from "@/machine/paths";
import { useTestDatabase } from "../helpers/db";
import { startDoor } from "../helpers/door-server";
import { createOrgWithPeople } from "../helpers/factories";
import { machine } from "../helpers/machine";
import { keyFor } from "../keys/support";

useTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

const at = (path: string, init?: RequestInit) =>
  machine(new Request(`http://localhost:3000${path}`, init));

describe("which door a request takes", () => {
  it.each([
    ["/api/v1/me", true],
    ["/api/v1/proposals?limit=5", true],
    ["/api/v1", true],
    ["/api/oauth/token", true],
    ["/.well-known/jwks.json", true],
    ["/.well-known/oauth-authorization-server", true],
    ["/api/mcp", true],
    ["/api/health", true],
    ["/api/health/", true],
    ["/api/openapi.json", true],
    ["/api/auth/session", false],
    ["/api/auth/callback/credentials", false],
    ["/api/audit-logs/export", false],
    ["/api/mcpx", false],
    ["/docs/api", false],
    ["/settings/integrations", false],
    ["/", false],
    ["/_next/static/chunks/app.js", false],
    ["http://localhost/api/v1/me", false],
  ])("%s → machine door: %s", (path, expected) => {
    expect(isMachinePath(path)).toBe(expected);
  });

  it("leaves pages, Auth.js and the audit download to Next", async () => {
    const { base } = await startDoor();
    for (const path of ["/settings", "/api/auth/session", "/api/audit-logs/export"]) {
      const response = await fetch(`${base}${path}`);
      // The stand-in for Next answers with what it was told; the machine door never sees these.
      expect(await response.json(), path).toHaveProperty("ip", "127.0.0.1");
    }
  });
});

describe("every machine door response", () => {
  it("carries the document security headers, errors and unknown paths included", async () => {
    const { base } = await startDoor();
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const cases: [string, RequestInit, number][] = [
      ["/api/v1/me", { headers: { authorization: `Bearer ${key}` } }, 200],
      ["/api/v1/me", {}, 401],
      ["/api/v1/me", { method: "DELETE" }, 405],
      ["/api/v1/nope", {}, 404],
      ["/api/oauth/token", {}, 405],
      ["/api/health", {}, 200],
      ["/.well-known/jwks.json", {}, 200],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${base}${path}`, init);
      const name = `${init.method ?? "GET"} ${path}`;
      expect(response.status, name).toBe(status);
      expect(response.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), name).toBe("DENY");
      expect(response.headers.get("referrer-policy"), name).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy"), name).toContain("camera=()");
      expect(response.headers.get("content-security-policy"), name).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get("x-powered-by"), name).toBeNull();
    }
  });
});

describe("methods and paths, as Next answered them", () => {
  it("refuses a method a route does not have with 405 and Allow, and answers OPTIONS and HEAD", async () => {
    const refused = await at("/api/v1/me", { method: "POST" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const options = await at("/api/v1/proposals", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    const head = await at("/api/v1/ping", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("keeps the OAuth and MCP error shapes for other methods", async () => {
    const token = await at("/api/oauth/introspect", { method: "PUT" });
    expect(token.status).toBe(405);
    expect(await token.json()).toEqual({
      error: "invalid_request",
      error_description: "Use POST.",
    });
    const mcp = await at("/api/mcp", { method: "PUT" });
    expect(mcp.status).toBe(405);
    expect((await mcp.json()).error.code).toBe(-32000);
  });

  it("redirects a trailing slash and answers unknown paths with a JSON 404", async () => {
    const slash = await at("/api/v1/ping/?x=1");
    expect(slash.status).toBe(308);
    expect(slash.headers.get("location")).toBe("/api/v1/ping?x=1");
    const unknown = await at("/api/v1/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("cache-control")).toBe("no-store");
    expect(await unknown.json()).toMatchObject({ error: "not_found" });
  });

  it("answers /api/health from the database", async () => {
    const response = await at("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up" } });
  });
});

describe("documents that name the origin", () => {
  it("are not publicly cacheable without APP_URL: their origin came from the Host header", async () => {
    vi.stubEnv("APP_URL", "");
    vi.resetModules();
    const { machineApp } = await import("@/machine/app");
    for (const path of ["/.well-known/oauth-authorization-server", "/api/openapi.json"]) {
      const response = await machineApp.fetch(
        new Request(`http://attacker.example${path}`, { headers: { host: "attacker.example" } }),
      );
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(JSON.stringify(await response.json()), path).toContain("http://attacker.example");
    }
    const jwks = await machineApp.fetch(
      new Request("http://attacker.example/.well-known/jwks.json"),
    );
    expect(jwks.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("stay public with APP_URL, which they then name whatever the Host", async () => {
    vi.stubEnv("APP_URL", "https://latchkey.example");
    vi.resetModules();
    const { machineApp } = await import("@/machine/app");
    const metadata = await machineApp.fetch(
      new Request("http://attacker.example/.well-known/oauth-authorization-server"),
    );
    expect(metadata.headers.get("cache-control")).toBe("public, max-age=3600");
    expect((await metadata.json()).issuer).toBe("https://latchkey.example");
    const openapi = await machineApp.fetch(new Request("http://attacker.example/api/openapi.json"));
    expect(openapi.headers.get("cache-control")).toBe("public, max-age=300");
    expect((await openapi.json()).servers).toEqual([{ url: "https://latchkey.example" }]);
  });

  it("say https behind a trusted proxy that says so, and not because any caller does", async () => {
    vi.stubEnv("APP_URL", "");
    const proto = { "x-forwarded-proto": "https" };
    const untrusted = await startDoor();
    const direct = await fetch(`${untrusted.base}/.well-known/oauth-authorization-server`, {
      headers: proto,
    });
    expect((await direct.json()).issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const trusted = await startDoor("loopback");
    const proxied = await fetch(`${trusted.base}/.well-known/oauth-authorization-server`, {
      headers: proto,
    });
    expect((await proxied.json()).issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("large documents", () => {
  it("are compressed for clients that accept it", async () => {
    const response = await at("/api/openapi.json", { headers: { "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const text = await new Response(
      response.body!.pipeThrough(new DecompressionStream("gzip")),
    ).text();
    expect(JSON.parse(text).openapi).toBe("3.1.0");
  });
});
