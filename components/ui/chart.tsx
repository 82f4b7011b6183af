"use client";

import * as React from "react";
import { cn } from "@/lib/utils";
import { Skeleton } from "./skeleton";

/**
 * A chart's series: label and colour per data key, in the manner of shadcn/ui's chart. Colours
 * become CSS variables (`--color-<key>`) scoped to the chart, one value per theme, so series use
 * `fill="var(--color-<key>)"` and follow light and dark mode.
 */
export type ChartConfig = Record<string, { label: string; color: { light: string; dark: string } }>;

/** The plot's box in pixels, and the font its text is set in (to measure labels). */
export type PlotSize = { width: number; height: number; font: string; fontSize: number };

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

/** The element's size, kept up to date; null until it has been laid out in the browser. */
function usePlotSize(): [React.RefObject<HTMLDivElement | null>, PlotSize | null] {
  const ref = React.useRef<HTMLDivElement>(null);
  const [size, setSize] = React.useState<PlotSize | null>(null);
  React.useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const fontSize = parseFloat(style.fontSize);
      setSize((prev) =>
        prev?.width === width && prev.height === height && prev.font === font
          ? prev
          : { width, height, font, fontSize },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
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
  /** Draws the chart at the plot's size, once the browser has laid it out. */
  children: (size: PlotSize) => React.ReactNode;
}) {
  const id = `chart-${React.useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const [plotRef, size] = usePlotSize();
  return (
    <ChartContext.Provider value={config}>
      <div data-chart={id} className={cn("text-xs", className)} {...props}>
        <style>{chartCss(id, config)}</style>
        <div ref={plotRef} className={cn("relative w-full", plotClassName)}>
          {size && size.width > 0 ? children(size) : <Skeleton className="size-full" />}
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
}: {
  active?: boolean;
  payload?: { dataKey: string; value: number }[];
  label?: string;
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
        const key = item.dataKey;
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
