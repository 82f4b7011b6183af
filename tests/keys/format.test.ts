import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accessLevel, apiIds } from "@/lib/api-catalogue";
import { digestSecret, generateKey, maskParts, maskedKey, parseKey } from "@/lib/secrets/prefixed";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("key format", () => {
  it("generates lk_live_ + 43 base62 + 6 checksum characters that parse back", () => {
    for (let i = 0; i < 200; i++) {
      const key = generateKey();
      expect(key).toMatch(/^lk_live_[0-9A-Za-z]{49}$/);
      expect(parseKey(key)).toEqual({ environment: "live", key });
    }
  });

  it("generates distinct keys", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateKey()));
    expect(keys.size).toBe(1000);
  });

  it("supports the test environment tag", () => {
    const key = generateKey("test");
    expect(key.startsWith("lk_test_")).toBe(true);
    expect(parseKey(key)?.environment).toBe("test");
  });

  it("rejects any single-character change", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom(...ALPHABET.split(""), "_", "-", "é", " "),
        (position, replacement) => {
          const key = generateKey();
          const i = position % key.length;
          fc.pre(key[i] !== replacement);
          const changed = key.slice(0, i) + replacement + key.slice(i + 1);
          expect(parseKey(changed)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rejects wrong prefix, length and charset", () => {
    const key = generateKey();
    expect(parseKey(key.replace("lk_", "lx_"))).toBeNull();
    expect(parseKey(key.replace("live", "prod"))).toBeNull();
    expect(parseKey(key.slice(0, -1))).toBeNull();
    expect(parseKey(key + "a")).toBeNull();
    expect(parseKey(` ${key}`)).toBeNull();
    expect(parseKey("")).toBeNull();
    expect(parseKey("lk_live_")).toBeNull();
  });

  it("rejects dropped or swapped characters", () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        const key = generateKey();
        const i = 8 + (n % (key.length - 9));
        fc.pre(key[i] !== key[i + 1]);
        const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        expect(parseKey(swapped)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("digests with SHA-256 hex", () => {
    expect(digestSecret("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});

describe("masked display", () => {
  it("keeps the prefix and last four characters", () => {
    const key = generateKey();
    const parts = maskParts(key);
    expect(parts).toEqual({ prefix: "lk_live_", last4: key.slice(-4) });
    expect(maskedKey(parts)).toBe(`lk_live_••••••••${key.slice(-4)}`);
    expect(maskedKey(parts)).not.toContain(key.slice(8, -4));
  });
});

describe("access level", () => {
  it("is Full with every API and Partial otherwise", () => {
    expect(accessLevel([...apiIds])).toBe("Full");
    expect(accessLevel([...apiIds].reverse())).toBe("Full");
    expect(accessLevel(apiIds.slice(1))).toBe("Partial");
    expect(accessLevel(["data"])).toBe("Partial");
    expect(accessLevel([])).toBe("Partial");
  });
});
