import { isUsageOutcome, refusalReasons, type RefusalReason, type UsageOutcome } from "./outcomes";

export const USAGE_DAYS = 30;
const DAY_MS = 86_400_000;

/** One day of a credential's requests: a count per outcome, zero when none. */
export type UsageDay = { day: string; refused: number; total: number } & Record<
  UsageOutcome,
  number
>;

export type UsageSeries = {
  /** Every day of the period, oldest first, including days without requests. */
  days: UsageDay[];
  /** The refusal reasons that occur in the period, in the catalogue's order. */
  reasons: RefusalReason[];
  totals: { succeeded: number; refused: number };
};

/** The first day of the `days`-day period ending with `endDay` (both UTC, YYYY-MM-DD). */
export function periodStart(endDay: string, days = USAGE_DAYS): string {
  return new Date(Date.parse(`${endDay}T00:00:00Z`) - (days - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Stored counts turned into a day-by-day series for the chart and its table. */
export function usageSeries(
  rows: { day: string; outcome: string; count: number }[],
  endDay: string,
  days = USAGE_DAYS,
): UsageSeries {
  const start = Date.parse(`${periodStart(endDay, days)}T00:00:00Z`);
  const byDay = new Map<string, UsageDay>();
  const series: UsageDay[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    const empty = { day, refused: 0, total: 0 } as UsageDay;
    for (const outcome of [...refusalReasons, "succeeded" as const]) empty[outcome] = 0;
    byDay.set(day, empty);
    series.push(empty);
  }
  const seen = new Set<RefusalReason>();
  const totals = { succeeded: 0, refused: 0 };
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry || !isUsageOutcome(row.outcome)) continue;
    entry[row.outcome] += row.count;
    entry.total += row.count;
    if (row.outcome === "succeeded") {
      totals.succeeded += row.count;
    } else {
      entry.refused += row.count;
      totals.refused += row.count;
      seen.add(row.outcome);
    }
  }
  return { days: series, reasons: refusalReasons.filter((r) => seen.has(r)), totals };
}
