// Free of zod and the database: the filter bar in the browser lists these too.
export const rangePresets = {
  "24h": { label: "Last 24 hours", ms: 24 * 3600_000 },
  "7d": { label: "Last 7 days", ms: 7 * 24 * 3600_000 },
  "30d": { label: "Last 30 days", ms: 30 * 24 * 3600_000 },
} as const;
export type RangePreset = keyof typeof rangePresets;
