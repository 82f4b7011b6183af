import { createHash } from "node:crypto";

/** prev_hash of an organization's first event. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields an event's hash covers; `occurredAtUs` is UTC epoch microseconds. */
export type ChainedFields = {
  orgId: string;
  seq: number;
  occurredAtUs: string;
  event: string;
  action: string;
  teamId: string | null;
  teamName: string | null;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  targetType: string;
  targetId: string;
  targetName: string | null;
  changes: unknown;
  description: string;
  ip: string | null;
  userAgent: string | null;
};

// Keys sorted at every depth and undefined dropped (as jsonb drops them), so the bytes hashed at
// write time equal the bytes rebuilt from the stored row, whatever order jsonb returns keys in.
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(prevHash: string, fields: ChainedFields): string {
  return createHash("sha256")
    .update(Buffer.from(prevHash, "hex"))
    .update(canonicalJson(fields), "utf8")
    .digest("hex");
}
