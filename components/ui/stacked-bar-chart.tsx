"use client";

import * as React from "react";
import { ChartTooltipContent, type PlotSize } from "./chart";
import { countTicks, labelsThatFit } from "./chart-ticks";

type Margin = { top: number; right: number; bottom: number; left: number };

// Laid out as recharts laid out a BarChart (axis sizes, tick offsets, bar gaps, tooltip offset),
// so the picture is the one it drew.
const X_AXIS_HEIGHT = 30;
const TICK_SIZE = 6;
const Y_TICK_MARGIN = 2;
const X_TICK_MARGIN = 8;
const MIN_LABEL_GAP = 24;
const MIN_TICK_GAP = 5;
// A label's height: one line of text at the body's line spacing.
const LINE_HEIGHT = 1.5;
const BAR_GAP = 0.1;
const RADIUS = 3;
const TOOLTIP_OFFSET = 10;

let measuringContext: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string, font: string): number {
  measuringContext ??= document.createElement("canvas").getContext("2d");
  if (!measuringContext) return text.length * 7;
  measuringContext.font = font;
  return measuringContext.measureText(text).width;
}

/** A bar segment with its top corners rounded, as far as its size allows. */
function roundedTop(x: number, y: number, width: number, height: number): string {
  const r = Math.min(RADIUS, Math.round(width) / 2, Math.round(height) / 2);
  if (r <= 0) return `M${x},${y} h${width} v${height} h${-width} Z`;
  return (
    `M${x},${y + r} A${r},${r},0,0,1,${x + r},${y} L${x + width - r},${y} ` +
    `A${r},${r},0,0,1,${x + width},${y + r} L${x + width},${y + height} L${x},${y + height} Z`
  );
}

/**
 * Stacked bars, one per row of `data`: the `keys` series from the bottom up, each filled with its
 * chart colour (`--color-<key>`), on a count axis with horizontal grid lines, the category labels
 * that fit underneath, and a tooltip with the numbers of the bar under the pointer. The last
 * series has rounded top corners. Drawn in SVG at the given size (see ChartContainer).
 */
export function StackedBarChart<
  Row extends Record<Key | Category, unknown>,
  Key extends string,
  Category extends string,
>({
  data,
  category,
  keys,
  width,
  height,
  font,
  fontSize,
  margin,
  yAxisWidth,
  formatTick,
  formatLabel,
}: PlotSize & {
  data: readonly Row[];
  /** The field that names each bar (its label under the axis). */
  category: Category;
  keys: readonly Key[];
  margin: Margin;
  yAxisWidth: number;
  formatTick: (category: string) => string;
  /** The category as the tooltip's title. */
  formatLabel: (category: string) => string;
}) {
  const [active, setActive] = React.useState<{ index: number; y: number } | null>(null);
  const tooltipRef = React.useRef<HTMLDivElement>(null);
  const [tooltipBox, setTooltipBox] = React.useState<{ width: number; height: number } | null>(
    null,
  );

  const plot = {
    x: margin.left + yAxisWidth,
    y: margin.top,
    width: width - margin.left - yAxisWidth - margin.right,
    height: height - margin.top - margin.bottom - X_AXIS_HEIGHT,
  };
  const value = (row: Row, key: Key) => Number(row[key]) || 0;
  const ticks = countTicks(
    Math.max(0, ...data.map((row) => keys.reduce((n, k) => n + value(row, k), 0))),
  );
  const top = ticks.at(-1)!;
  const y = (v: number) => plot.y + plot.height - (v / top) * plot.height;
  // Labels stay inside the chart: the top tick's is moved down rather than cut off (positions
  // counted from the bottom, where the axis starts).
  const tickLabels = labelsThatFit(
    ticks.map((tick) => height - y(tick)),
    ticks.map(() => fontSize * LINE_HEIGHT),
    { start: 0, end: height, minGap: MIN_TICK_GAP },
  ).map(({ index, at }) => ({ tick: ticks[index]!, at: height - at }));
  const band = plot.width / Math.max(1, data.length);
  const barOffset = band * BAR_GAP;
  const rawBarWidth = band - 2 * barOffset;
  const barWidth = rawBarWidth > 1 ? Math.round(rawBarWidth) : rawBarWidth;
  const names = data.map((row) => String(row[category]));
  const labels = labelsThatFit(
    names.map((_, i) => plot.x + (i + 0.5) * band),
    names.map((name) => textWidth(formatTick(name), font)),
    { start: 0, end: width, minGap: MIN_LABEL_GAP },
  );

  const point = (clientX: number, clientY: number, target: Element) => {
    const box = target.getBoundingClientRect();
    const px = clientX - box.left;
    const py = clientY - box.top;
    const inside =
      px >= plot.x && px <= plot.x + plot.width && py >= plot.y && py <= plot.y + plot.height;
    if (!inside || data.length === 0) return setActive(null);
    setActive({ index: Math.min(data.length - 1, Math.floor((px - plot.x) / band)), y: py });
  };

  // The tooltip's size decides which side of the pointer it goes; measured once drawn.
  React.useLayoutEffect(() => {
    const element = tooltipRef.current;
    if (!element || !active) return;
    const { offsetWidth: w, offsetHeight: h } = element;
    setTooltipBox((prev) =>
      prev?.width === w && prev.height === h ? prev : { width: w, height: h },
    );
  }, [active]);
  React.useEffect(() => {
    if (!active) return;
    const dismiss = (event: KeyboardEvent) => event.key === "Escape" && setActive(null);
    document.addEventListener("keydown", dismiss);
    return () => document.removeEventListener("keydown", dismiss);
  }, [active]);

  const activeRow = active ? data[active.index] : undefined;
  let translate: string | undefined;
  if (active && tooltipBox) {
    const place = (at: number, size: number, start: number, length: number) => {
      const after = at + TOOLTIP_OFFSET;
      const before = at - size - TOOLTIP_OFFSET;
      return Math.max(after + size > start + length ? before : after, start);
    };
    const tx = place(plot.x + (active.index + 0.5) * band, tooltipBox.width, plot.x, plot.width);
    const ty = place(active.y, tooltipBox.height, plot.y, plot.height);
    translate = `translate(${tx}px, ${ty}px)`;
  }

  return (
    <div
      className="absolute inset-0"
      onMouseMove={(e) => point(e.clientX, e.clientY, e.currentTarget)}
      onTouchMove={(e) => {
        const touch = e.touches[0];
        if (touch) point(touch.clientX, touch.clientY, e.currentTarget);
      }}
      onMouseLeave={() => setActive(null)}
    >
      <svg width={width} height={height} className="block">
        {ticks.map((tick) => (
          <line
            key={tick}
            x1={plot.x}
            x2={plot.x + plot.width}
            y1={y(tick)}
            y2={y(tick)}
            className="stroke-border"
          />
        ))}
        {active && (
          <rect
            x={plot.x + active.index * band}
            y={plot.y + 0.5}
            width={band}
            height={plot.height - 1}
            stroke="#ccc"
            className="fill-muted"
          />
        )}
        {data.map((row, i) => {
          let base = 0;
          return (
            <g key={names[i]}>
              {keys.map((key, k) => {
                const v = value(row, key);
                const from = base;
                base += v;
                if (v === 0) return null;
                const x = plot.x + i * band + barOffset;
                const segmentTop = y(from + v);
                const segmentHeight = y(from) - segmentTop;
                return k === keys.length - 1 ? (
                  <path
                    key={key}
                    data-series={key}
                    d={roundedTop(x, segmentTop, barWidth, segmentHeight)}
                    fill={`var(--color-${key})`}
                  />
                ) : (
                  <rect
                    key={key}
                    data-series={key}
                    x={x}
                    y={segmentTop}
                    width={barWidth}
                    height={segmentHeight}
                    fill={`var(--color-${key})`}
                  />
                );
              })}
            </g>
          );
        })}
        {tickLabels.map(({ tick, at }) => (
          <text
            key={tick}
            x={plot.x - TICK_SIZE - Y_TICK_MARGIN}
            y={at}
            dy="0.355em"
            textAnchor="end"
            className="fill-muted-foreground"
          >
            {tick}
          </text>
        ))}
        {labels.map(({ index, at }) => (
          <text
            key={names[index]}
            x={at}
            y={plot.y + plot.height + TICK_SIZE + X_TICK_MARGIN}
            dy="0.71em"
            textAnchor="middle"
            className="fill-muted-foreground"
          >
            {formatTick(names[index]!)}
          </text>
        ))}
      </svg>
      {/* Mounted only while shown: it first appears in place, then glides from bar to bar. */}
      {active && activeRow && (
        <div
          ref={tooltipRef}
          data-testid="chart-tooltip"
          className="pointer-events-none absolute top-0 left-0 motion-safe:transition-transform motion-safe:duration-[400ms] motion-safe:ease-[ease]"
          style={{ transform: translate, visibility: translate ? "visible" : "hidden" }}
        >
          <ChartTooltipContent
            active
            label={names[active.index]}
            labelFormatter={formatLabel}
            payload={keys.map((key) => ({ dataKey: key, value: value(activeRow, key) }))}
          />
        </div>
      )}
    </div>
  );
}
