import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeChanges } from "@/lib/audit/describe";
import { leakReportPublicKeys, parseLeakReportKeys } from "@/lib/leaks/public-keys";
import { checkEnvironment, ConfigError } from "@/lib/startup/check-config";

const spki = (key: ReturnType<typeof generateKeyPairSync>["publicKey"]) =>
  key.export({ type: "spki", format: "pem" }).toString();
const p256 = spki(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey);
const p384 = spki(generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey);
const rsa = spki(generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey);

describe("leak report public keys", () => {
  it("reads our key map and GitHub's public key document", () => {
    expect([...parseLeakReportKeys(JSON.stringify({ a: p256, b: p256 })).keys()]).toEqual([
      "a",
      "b",
    ]);
    const github = { public_keys: [{ key_identifier: "gh", key: p256, is_current: true }] };
    expect([...parseLeakReportKeys(JSON.stringify(github)).keys()]).toEqual(["gh"]);
    expect(leakReportPublicKeys({}).size).toBe(0);
  });

  it("refuses keys that are not ECDSA P-256 and text that is not a key map, naming the key", () => {
    expect(() => parseLeakReportKeys(JSON.stringify({ big: p384 }))).toThrow(
      'public key "big" is not an ECDSA P-256 key',
    );
    expect(() => parseLeakReportKeys(JSON.stringify({ r: rsa }))).toThrow("not an ECDSA P-256");
    expect(() => parseLeakReportKeys(JSON.stringify({ x: "not a pem" }))).toThrow(
      'public key "x" is not a PEM public key',
    );
    expect(() => parseLeakReportKeys("{")).toThrow("not valid JSON");
    expect(() => parseLeakReportKeys("[1]")).toThrow("expected");
  });

  it("a server does not start with unusable keys or an unreadable key file", () => {
    expect(() =>
      checkEnvironment({ LEAK_REPORT_PUBLIC_KEYS: JSON.stringify({ r: rsa }), AUTH_SECRET: "x" }),
    ).toThrow(ConfigError);
    expect(() =>
      checkEnvironment({ LEAK_REPORT_PUBLIC_KEYS_FILE: "/nonexistent/keys.json" }),
    ).toThrow(/cannot be used: LEAK_REPORT_PUBLIC_KEYS_FILE cannot be read/);
  });

  it("the audit log says where a leaked credential was found", () => {
    expect(
      describeChanges(
        "api_key.leaked",
        { leak: { url: "https://example.test/x", source: "commit" }, reason: "leaked" },
        "Revoked API key K (leaked)",
      ),
    ).toBe("revoked after a leak report: found at https://example.test/x (commit)");
  });
});
