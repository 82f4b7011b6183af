import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id with OWASP-recommended cost parameters.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Made once per process by hashPassword itself, so it always has the real hashes' parameters.
let dummyHash: Promise<string> | undefined;

/**
 * verifyPassword for an account that may not exist: without a hash, the password is verified
 * against a throwaway one and refused, so an unknown email costs the same argon2 work (and time)
 * as a wrong password and the answer's timing does not tell which it was.
 */
export async function verifyPasswordOrDummy(
  password: string,
  passwordHash: string | undefined,
): Promise<boolean> {
  if (passwordHash) return verifyPassword(password, passwordHash);
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  await verifyPassword(password, await dummyHash);
  return false;
}
