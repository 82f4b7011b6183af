"use client";

import { format, parseISO } from "date-fns";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartTooltipContent } from "@/components/ui/chart";
import type { UsageSeries } from "@/lib/usage/series";
import { usageChartConfig } from "./usage-colors";

const shortDay = (day: string) => format(parseISO(day), "MMM d");
const longDay = (day: string) => format(parseISO(day), "EEEE, MMM d, yyyy");

/**
 * Requests per day as stacked bars: succeeded, then each refusal reason that occurred. recharts is
 * heavy, so this module is only ever loaded with next/dynamic, from the details pages.
 */
export default function UsageChart({ usage, label }: { usage: UsageSeries; label: string }) {
  const keys = ["succeeded", ...usage.reasons];
  return (
    // The picture is one image to assistive technology; the numbers are in the table.
    <div role="img" aria-label={label} data-testid="usage-chart">
      <ChartContainer
        config={usageChartConfig}
        plotClassName="h-60"
        footer={<ChartLegend keys={keys} />}
      >
        <BarChart data={usage.days} accessibilityLayer={false} margin={{ left: -16, right: 8 }}>
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tickLine={false}
            axisLine={false}
            tickMargin={8}
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
          <Tooltip
            cursor
            content={(props) => <ChartTooltipContent {...props} labelFormatter={longDay} />}
          />
          {keys.map((key, i) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="requests"
              fill={`var(--color-${key})`}
              radius={i === keys.length - 1 ? [3, 3, 0, 0] : 0}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartContainer>
    </div>
  );
}
