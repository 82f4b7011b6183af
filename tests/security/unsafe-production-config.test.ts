import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { oauthSigningKeys } from "@/db/schema";
import { ensureActiveSigningKey } from "@/lib/oauth/signing-keys";
import { checkEnvironment, checkStoredKeys, ConfigError } from "@/lib/startup/check-config";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();
const secretBefore = process.env.AUTH_SECRET;
afterEach(() => {
  process.env.AUTH_SECRET = secretBefore;
});

const root = path.resolve(import.meta.dirname, "../..");
const sharedSecret = "a-shared-secret-of-at-least-32-characters!";

describe("the environment check", () => {
  it("refuses a PostgreSQL deployment without an explicit AUTH_SECRET, generating none", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lk-env-"));
    const envFile = path.join(dir, ".env.local");
    const env = { DATABASE_URL: "postgres://db.internal/latchkey" };
    expect(() => checkEnvironment(env, envFile)).toThrow(ConfigError);
    expect(() => checkEnvironment(env, envFile)).toThrow(/AUTH_SECRET is not set.*every instance/s);
    expect(existsSync(envFile)).toBe(false);
  });

  it("refuses a short AUTH_SECRET with PostgreSQL", () => {
    const env = { DATABASE_URL: "postgres://db/x", AUTH_SECRET: "short" };
    expect(() => checkEnvironment(env, "/nonexistent/.env.local")).toThrow(/at least 32/);
  });

  it("accepts an explicit AUTH_SECRET with PostgreSQL", () => {
    const env = { DATABASE_URL: "postgres://db/x", AUTH_SECRET: sharedSecret };
    expect(() => checkEnvironment(env, "/nonexistent/.env.local")).not.toThrow();
  });

  it("still generates one for the embedded database, so a first run needs no configuration", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lk-env-"));
    const envFile = path.join(dir, ".env.local");
    const env: Record<string, string | undefined> = {};
    checkEnvironment(env, envFile);
    expect(readFileSync(envFile, "utf8")).toMatch(/^AUTH_SECRET=\S{40,}$/m);
    expect(env.AUTH_SECRET).toBeDefined();
  });
});

describe("the stored signing key check", () => {
  it("names the fix when the current AUTH_SECRET cannot decrypt the stored key", async () => {
    process.env.AUTH_SECRET = sharedSecret;
    await ensureActiveSigningKey();
    await expect(checkStoredKeys()).resolves.toBeUndefined();
    process.env.AUTH_SECRET = "another-secret-of-at-least-32-characters!!";
    const error = await checkStoredKeys().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/cannot be decrypted with the current AUTH_SECRET/);
    expect((error as Error).message).toMatch(/npm run oauth:rotate-signing-key/);
  });

  it("passes when there is no stored key yet", async () => {
    await getDb().delete(oauthSigningKeys);
    await expect(checkStoredKeys()).resolves.toBeUndefined();
  });
});

describe("start-up", () => {
  it("exits non-zero with the message, before opening the database", () => {
    // An empty value is how an unset variable often arrives from an orchestrator's template.
    const env = { ...process.env, DATABASE_URL: "postgres://127.0.0.1:1/none", AUTH_SECRET: "" };
    const run = spawnSync(
      "npx",
      [
        "tsx",
        "--conditions=react-server",
        "-e",
        'import("./lib/startup/check-config.ts").then((m) => m.startUp())',
      ],
      { cwd: root, env, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/AUTH_SECRET is not set/);
  });
});
