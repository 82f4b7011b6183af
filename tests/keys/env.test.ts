import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("env()", () => {
  it("treats empty variables as unset, as the e2e servers set DATABASE_URL=", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("SALES_CONTACT_EMAIL", "");
    const { env } = await import("@/lib/env");
    expect(env().DATABASE_URL).toBeUndefined();
    expect(env().SALES_CONTACT_EMAIL).toBe("sales@example.com");
  });

  it("takes the sales contact of the Enterprise gate from SALES_CONTACT_EMAIL", async () => {
    vi.stubEnv("SALES_CONTACT_EMAIL", "deals@acme.test");
    const { enterpriseGateMessage } = await import("@/lib/keys/access");
    expect(enterpriseGateMessage()).toContain("contact deals@acme.test to upgrade your plan");
  });
});

describe("the start-up check", () => {
  it("refuses a variable that does not parse, naming it", async () => {
    const { checkEnvironment } = await import("@/lib/startup/check-config");
    expect(() =>
      checkEnvironment({ AUTH_SECRET: "x".repeat(40), APP_URL: "not a url" }, "/nonexistent/.env"),
    ).toThrow(/The environment has invalid values: APP_URL/);
  });
});

describe("publicOrigin()", () => {
  it("is APP_URL's origin when set, whatever the request reached", async () => {
    vi.stubEnv("APP_URL", "https://latchkey.example/app/");
    const { publicOrigin } = await import("@/lib/http/public-origin");
    expect(publicOrigin("http://attacker.example/x")).toBe("https://latchkey.example");
  });

  it("is the origin the request reached without it", async () => {
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("AUTH_URL", "");
    const { publicOrigin } = await import("@/lib/http/public-origin");
    expect(publicOrigin("http://127.0.0.1:4200/api/v1/me")).toBe("http://127.0.0.1:4200");
  });
});
