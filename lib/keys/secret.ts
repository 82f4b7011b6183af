import { digestKey, generateKey, maskParts } from "./format";

/** A fresh key and what the database keeps of it (digest and mask parts, never the text). */
export function newSecret() {
  const key = generateKey();
  return { key, stored: { digest: digestKey(key), ...maskParts(key) } };
}
