"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { UsageSeries } from "@/lib/usage/series";
import { UsageChart } from "./usage-chart";
import { UsageTable } from "./usage-table";

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * A key's or client's requests per day over 30 days: a chart, and the same numbers as a table
 * that assistive technology always has and anyone can show.
 */
export function UsagePanel({ usage, credential }: { usage: UsageSeries; credential: string }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const headingId = useId();
  const { succeeded, refused } = usage.totals;
  const summary = `${plural(succeeded, "request", "requests")} succeeded and ${plural(refused, "was", "were")} refused in the last 30 days`;
  const chartLabel = `Requests per day for ${credential} over the last 30 days: ${succeeded} succeeded, ${refused} refused`;
  return (
    <section aria-labelledby={headingId} className="max-w-4xl space-y-3" data-testid="usage">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          Usage
        </h2>
        <Button
          variant="outline"
          size="sm"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
        >
          {showTable ? "Hide table" : "Show as table"}
        </Button>
      </div>
      <p className="text-muted-foreground text-sm" data-testid="usage-summary">
        {summary}.
      </p>
      <UsageChart usage={usage} label={chartLabel} />
      {showTable ? (
        // Wider than a narrow screen: a scroll region, focusable so the keyboard can scroll it.
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Usage table">
          <UsageTable usage={usage} id={tableId} />
        </div>
      ) : (
        <div className="sr-only">
          <UsageTable usage={usage} id={tableId} />
        </div>
      )}
    </section>
  );
}
