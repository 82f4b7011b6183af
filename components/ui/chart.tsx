"use client";

import * as React from "react";
import { ResponsiveContainer, type TooltipContentProps } from "recharts";
import { cn } from "@/lib/utils";

/**
 * A chart's series: label and colour per data key, in the manner of shadcn/ui's chart. Colours
 * become CSS variables (`--color-<key>`) scoped to the chart, one value per theme, so series use
 * `fill="var(--color-<key>)"` and follow light and dark mode.
 */
export type ChartConfig = Record<string, { label: string; color: { light: string; dark: string } }>;

const ChartContext = React.createContext<ChartConfig | null>(null);

function useChartConfig(): ChartConfig {
  const config = React.useContext(ChartContext);
  if (!config) throw new Error("chart parts must be inside a <ChartContainer>");
  return config;
}

function chartCss(id: string, config: ChartConfig): string {
  const vars = (theme: "light" | "dark") =>
    Object.entries(config)
      .map(([key, item]) => `--color-${key}: ${item.color[theme]};`)
      .join(" ");
  return `[data-chart="${id}"] { ${vars("light")} } .dark [data-chart="${id}"] { ${vars("dark")} }`;
}

export function ChartContainer({
  config,
  className,
  plotClassName,
  footer,
  children,
  ...props
}: Omit<React.ComponentProps<"div">, "children"> & {
  config: ChartConfig;
  /** The plot's size (the chart fills it). */
  plotClassName?: string;
  /** Shown under the plot, inside the chart's colour scope (a ChartLegend). */
  footer?: React.ReactNode;
  children: React.ReactElement;
}) {
  const id = `chart-${React.useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  return (
    <ChartContext.Provider value={config}>
      <div
        data-chart={id}
        className={cn(
          "text-xs [&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border [&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-surface]:outline-hidden",
          className,
        )}
        {...props}
      >
        <style>{chartCss(id, config)}</style>
        <div className={cn("w-full", plotClassName)}>
          <ResponsiveContainer initialDimension={{ width: 640, height: 240 }}>
            {children}
          </ResponsiveContainer>
        </div>
        {footer}
      </div>
    </ChartContext.Provider>
  );
}

/** Tooltip body: the hovered category and each non-zero series with its colour and value. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  labelFormatter,
}: Partial<Pick<TooltipContentProps, "active" | "payload" | "label">> & {
  labelFormatter?: (label: string) => string;
}) {
  const config = useChartConfig();
  if (!active || !payload?.length) return null;
  const items = payload.filter((item) => Number(item.value) > 0);
  return (
    <div className="bg-background grid min-w-36 gap-1.5 rounded-lg border px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">
        {labelFormatter ? labelFormatter(String(label)) : String(label)}
      </div>
      {items.length === 0 && <div className="text-muted-foreground">No requests</div>}
      {items.map((item) => {
        const key = String(item.dataKey);
        return (
          <div key={key} className="flex items-center gap-2">
            <span
              aria-hidden
              className="size-2.5 shrink-0 rounded-[2px]"
              style={{ backgroundColor: `var(--color-${key})` }}
            />
            <span className="text-muted-foreground flex-1">{config[key]?.label ?? key}</span>
            <span className="text-foreground font-mono font-medium tabular-nums">
              {Number(item.value).toLocaleString()}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/** The series as a plain list under the chart (HTML, so it reads and wraps like text). */
export function ChartLegend({ keys, className }: { keys: string[]; className?: string }) {
  const config = useChartConfig();
  return (
    <ul className={cn("flex flex-wrap justify-center gap-x-4 gap-y-1 pt-3", className)}>
      {keys.map((key) => (
        <li key={key} className="flex items-center gap-1.5">
          <span
            aria-hidden
            className="size-2 shrink-0 rounded-[2px]"
            style={{ backgroundColor: `var(--color-${key})` }}
          />
          {config[key]?.label ?? key}
        </li>
      ))}
    </ul>
  );
}
