"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { rangePresets } from "@/lib/audit/range-presets";
import { fromLocalInput, toLocalInput } from "./local-input";
import type { FilterValues } from "./types";
import type { ApplyFilters } from "./use-filter-url";

/**
 * A preset period applies at once; "Custom range" shows From and To, applied together with
 * Apply range.
 */
export function RangeFilter({
  values,
  apply,
}: {
  values: Pick<FilterValues, "range" | "from" | "to">;
  apply: ApplyFilters;
}) {
  const custom = values.from || values.to ? "custom" : values.range;
  const [rangeChoice, setRangeChoice] = useState(custom);
  const [from, setFrom] = useState(() => toLocalInput(values.from));
  const [to, setTo] = useState(() => toLocalInput(values.to));

  function chooseRange(value: string) {
    setRangeChoice(value);
    if (value === "custom") return;
    apply((p) => {
      p.delete("from");
      p.delete("to");
      if (value) p.set("range", value);
      else p.delete("range");
    });
  }

  function applyCustomRange(event: React.FormEvent) {
    event.preventDefault();
    apply((p) => {
      p.delete("range");
      const f = fromLocalInput(from);
      const t = fromLocalInput(to);
      if (f) p.set("from", f);
      else p.delete("from");
      if (t) p.set("to", t);
      else p.delete("to");
    });
  }

  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-range">Date time range</Label>
        <NativeSelect
          id="audit-range"
          className="w-44"
          value={rangeChoice}
          onChange={(e) => chooseRange(e.target.value)}
        >
          <option value="">Any time</option>
          {Object.entries(rangePresets).map(([key, preset]) => (
            <option key={key} value={key}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Custom range</option>
        </NativeSelect>
      </div>

      {rangeChoice === "custom" && (
        <form className="flex flex-wrap items-end gap-2" onSubmit={applyCustomRange}>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-from">From</Label>
            <Input
              id="audit-from"
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="audit-to">To</Label>
            <Input
              id="audit-to"
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <Button type="submit" variant="secondary">
            Apply range
          </Button>
        </form>
      )}
    </>
  );
}
