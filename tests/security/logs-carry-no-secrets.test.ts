import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { apiKeySecrets, organizations } from "@/db/schema";
import { failure } from "@/lib/actions/safe-action";
import { newSecret } from "@/lib/secrets/prefixed";
import { log } from "@/lib/log";
import { useTestDatabase } from "../helpers/db";
import { createOrg } from "../helpers/factories";

useTestDatabase();

let output = "";
beforeEach(() => {
  output = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function expectNoTrace(secret: string) {
  expect(output.length).toBeGreaterThan(0);
  expect(output).not.toContain(secret);
  expect(output.toLowerCase()).not.toContain(sha256(secret));
}

describe("a failed database query", () => {
  it("is logged with the database's message and code, never the secret in its parameters", async () => {
    const { key } = newSecret();
    const org = await createOrg();
    // A unique violation: Drizzle's error says "Failed query: … params: <the secret>".
    const error = await getDb()
      .insert(organizations)
      .values({ name: key, slug: org.slug, plan: "free" })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(key);
    expect(failure(error)).toMatchObject({ ok: false, code: "error" });
    expectNoTrace(key);
    const line = JSON.parse(output.trim().split("\n").at(-1)!);
    expect(line.err).toMatchObject({ type: "DatabaseError", code: "23505" });
    expect(line.err.message).toMatch(/duplicate key value violates unique constraint/);
  });

  it("withholds the value a data exception quotes, such as a secret where an id was expected", async () => {
    const { key } = newSecret();
    const error = await getDb()
      .select()
      .from(apiKeySecrets)
      .where(eq(apiKeySecrets.keyId, key))
      .catch((e: unknown) => e);
    log.error({ err: error }, "lookup failed");
    expectNoTrace(key);
    expect(JSON.parse(output.trim()).err).toMatchObject({ type: "DatabaseError", code: "22P02" });
  });

  it("does not leak through an error wrapping it as its cause", async () => {
    const { key, stored } = newSecret();
    const cause = await getDb()
      .insert(organizations)
      .values({ name: sha256(key), slug: key, plan: "nope" as never })
      .catch((e: unknown) => e);
    log.error({ err: new Error("saving failed", { cause }) }, "wrapped");
    expectNoTrace(key);
    expect(output).not.toContain(stored.digest);
  });
});

describe("log lines", () => {
  it("carry no credentials, cookies, passwords or digests, whatever the key or message", () => {
    const { key } = newSecret();
    const clientSecret = `lkcs_${"A".repeat(43)}`;
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    log.warn(
      {
        request: {
          headers: {
            authorization: `Bearer ${key}`,
            cookie: "authjs.session-token=abc.def",
            "x-api-key": key,
          },
        },
        body: { password: "hunter2-hunter2", client_secret: clientSecret, keyHash: sha256(key) },
        list: [{ accessToken: jwt }],
        note: `called with ${key} and ${sha256(key)}`,
      },
      `refused ${key} (digest ${sha256(key)}), token ${jwt}, secret ${clientSecret}`,
    );
    expectNoTrace(key);
    for (const s of [clientSecret, jwt, "hunter2-hunter2", "abc.def"]) {
      expect(output).not.toContain(s);
    }
    expect(output).toContain("[redacted]");
  });
});
