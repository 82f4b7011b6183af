import { NextRequest, type NextFetchEvent } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";

const appUrlBefore = process.env.APP_URL;
afterEach(() => {
  process.env.APP_URL = appUrlBefore;
});

async function visit(path: string, headers: Record<string, string> = {}) {
  const handler = proxy as unknown as (r: NextRequest, e: NextFetchEvent) => Promise<Response>;
  return handler(new NextRequest(`http://localhost${path}`, { headers }), {} as NextFetchEvent);
}

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

describe("pages", () => {
  it("get a script policy with a fresh nonce per request and no 'unsafe-inline' for scripts", async () => {
    const [a, b] = [await visit("/login"), await visit("/login")];
    const cspA = a.headers.get("content-security-policy")!;
    const cspB = b.headers.get("content-security-policy")!;
    const scriptSrc = directives(cspA)["script-src"]!;
    const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))!;
    expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/=]{22,}'$/);
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(cspB).not.toContain(nonce);
    // Next reads the nonce from the request's policy to put it on its own scripts.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(cspA);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce.slice(7, -1));
  });

  it("may not be framed, embed plugins, or post forms elsewhere", async () => {
    const csp = directives((await visit("/login")).headers.get("content-security-policy")!);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
  });

  it("keep their headers on the redirect of a signed-out visitor", async () => {
    const response = await visit("/settings/integrations");
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/login");
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });

  it("ask browsers for HTTPS only when served over HTTPS", async () => {
    process.env.APP_URL = "";
    expect((await visit("/login")).headers.get("strict-transport-security")).toBeNull();
    const proxied = await visit("/login", { "x-forwarded-proto": "https" });
    expect(proxied.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    process.env.APP_URL = "https://latchkey.example";
    expect((await visit("/login")).headers.get("strict-transport-security")).toMatch(/max-age/);
  });
});

describe("every response", () => {
  it("is not sniffed, framed, or given features the app does not use", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!;
    const get = (name: string) => all.headers.find((h) => h.key === name)?.value;
    expect(get("X-Content-Type-Options")).toBe("nosniff");
    expect(get("X-Frame-Options")).toBe("DENY");
    expect(get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    const permissions = get("Permissions-Policy")!;
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(permissions).toContain(`${feature}=()`);
    }
    // Pages get theirs from proxy.ts; a second, static policy would only be a weaker duplicate.
    expect(get("Content-Security-Policy")).toBeUndefined();
  });

  it("of the JSON routes (outside proxy.ts) is a document that may run and embed nothing", async () => {
    const rules = await nextConfig.headers!();
    const api = rules.filter((r) => /api|well-known/.test(r.source));
    expect(api.length).toBe(2);
    for (const rule of api) {
      const csp = rule.headers.find((h) => h.key === "Content-Security-Policy")?.value;
      expect(csp).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});
