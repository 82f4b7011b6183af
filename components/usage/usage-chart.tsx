"use client";

import { ChartContainer, ChartLegend } from "@/components/ui/chart";
import { StackedBarChart } from "@/components/ui/stacked-bar-chart";
import { formatLongDay, formatShortDay } from "@/lib/format-time";
import type { UsageOutcome } from "@/lib/usage/outcomes";
import type { UsageSeries } from "@/lib/usage/series";
import { usageChartConfig } from "./usage-colors";

/** Requests per day as stacked bars: succeeded, then each refusal reason that occurred. */
export function UsageChart({ usage, label }: { usage: UsageSeries; label: string }) {
  const keys: UsageOutcome[] = ["succeeded", ...usage.reasons];
  return (
    // The picture is one image to assistive technology; the numbers are in the table.
    <div role="img" aria-label={label} data-testid="usage-chart">
      <ChartContainer
        config={usageChartConfig}
        plotClassName="h-60"
        footer={<ChartLegend keys={keys} />}
      >
        {(size) => (
          <StackedBarChart
            {...size}
            data={usage.days}
            category="day"
            keys={keys}
            margin={{ top: 0, right: 8, bottom: 0, left: -16 }}
            yAxisWidth={48}
            formatTick={formatShortDay}
            formatLabel={formatLongDay}
          />
        )}
      </ChartContainer>
    </div>
  );
}
