import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { env } from "@/lib/env";

/** A key map that cannot be used; the message names what is wrong, never a key's content. */
export class LeakKeysConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LeakKeysConfigError";
  }
}

// Either our own shape, { "<key id>": "<PEM>" }, or the document GitHub publishes at
// api.github.com/meta/public_keys/secret_scanning, so an operator can save that file as it is.
const keyMap = z.record(z.string().min(1).max(200), z.string().min(1));
const githubDocument = z.object({
  public_keys: z.array(
    z.object({ key_identifier: z.string().min(1).max(200), key: z.string().min(1) }),
  ),
});

function p256PublicKey(id: string, pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new LeakKeysConfigError(`public key "${id}" is not a PEM public key`);
  }
  // Reports are signed with ECDSA P-256 / SHA-256; any other key would accept other schemes.
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new LeakKeysConfigError(`public key "${id}" is not an ECDSA P-256 key`);
  }
  return key;
}

/** Key id → public key, from either accepted JSON shape. */
export function parseLeakReportKeys(json: string): Map<string, KeyObject> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new LeakKeysConfigError("not valid JSON");
  }
  const github = githubDocument.safeParse(value);
  let entries: (readonly [string, string])[];
  if (github.success) {
    entries = github.data.public_keys.map((k) => [k.key_identifier, k.key] as const);
  } else {
    const map = keyMap.safeParse(value);
    if (!map.success) {
      throw new LeakKeysConfigError(
        'expected { "<key id>": "<PEM>" } or { "public_keys": [{ "key_identifier", "key" }] }',
      );
    }
    entries = Object.entries(map.data);
  }
  return new Map(entries.map(([id, pem]) => [id, p256PublicKey(id, pem)]));
}

let cached: { source: string; keys: Map<string, KeyObject> } | undefined;

/**
 * The public keys leak reports may be signed with: LEAK_REPORT_PUBLIC_KEYS (the JSON itself) or
 * LEAK_REPORT_PUBLIC_KEYS_FILE (a path to it). Read on each report, so a rotated key file takes
 * effect without a restart; parsed again only when the text changes. Empty when neither is set.
 */
export function leakReportPublicKeys(
  vars: { LEAK_REPORT_PUBLIC_KEYS?: string; LEAK_REPORT_PUBLIC_KEYS_FILE?: string } = env(),
): Map<string, KeyObject> {
  let source = vars.LEAK_REPORT_PUBLIC_KEYS?.trim();
  const file = vars.LEAK_REPORT_PUBLIC_KEYS_FILE?.trim();
  if (!source && file) {
    try {
      source = readFileSync(file, "utf8");
    } catch {
      throw new LeakKeysConfigError(`LEAK_REPORT_PUBLIC_KEYS_FILE cannot be read: ${file}`);
    }
  }
  if (!source) return new Map();
  if (cached?.source !== source) cached = { source, keys: parseLeakReportKeys(source) };
  return cached.keys;
}
