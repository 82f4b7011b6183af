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
