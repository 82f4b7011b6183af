/** Overlap windows the Regenerate dialog offers; "now" kills the old secret at once. */
export const overlapOptions = [
  { id: "now", label: "Immediately", seconds: 0 },
  { id: "1h", label: "1 hour", seconds: 3600 },
  { id: "24h", label: "24 hours", seconds: 86_400 },
  { id: "7d", label: "7 days", seconds: 604_800 },
] as const;

export type OverlapId = (typeof overlapOptions)[number]["id"];
export const overlapIds = overlapOptions.map((o) => o.id) as [OverlapId, ...OverlapId[]];

export function overlapSeconds(id: OverlapId): number {
  return overlapOptions.find((o) => o.id === id)?.seconds ?? 0;
}

/** Archived keys kept per organization; older ones are deleted (their audit events remain). */
export const ARCHIVED_KEYS_KEPT = 10;

export const DEFAULT_KEY_NAME = "API key";
