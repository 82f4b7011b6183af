import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("server.ts", () => {
  it("refuses to start with a TRUSTED_PROXIES entry that is not an address or range", () => {
    const env = {
      ...process.env,
      TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal",
      DATABASE_URL: "postgres://127.0.0.1:1/none",
      PORT: "4199",
    };
    const run = spawnSync("npx", ["tsx", "--conditions=react-server", "server.ts"], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/TRUSTED_PROXIES must list addresses or CIDR ranges/);
  });
});
