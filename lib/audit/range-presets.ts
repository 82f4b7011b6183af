// Free of zod and the database driver: the filter bar in the browser lists these too.
import { rangeDurations, type RangePreset } from "@/db/queries/audit-filter";

export type { RangePreset };

export const rangePresets = {
  "24h": { label: "Last 24 hours", ms: rangeDurations["24h"] },
  "7d": { label: "Last 7 days", ms: rangeDurations["7d"] },
  "30d": { label: "Last 30 days", ms: rangeDurations["30d"] },
} as const satisfies Record<RangePreset, { label: string; ms: number }>;
