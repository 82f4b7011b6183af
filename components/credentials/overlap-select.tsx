"use client";

import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { overlapOptions, type OverlapId } from "@/lib/keys/lifecycle";

/** How long a replaced key or client secret keeps working: now, or after one of the windows. */
export function OverlapSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: OverlapId;
  onChange: (value: OverlapId) => void;
}) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value as OverlapId)}>
        {overlapOptions.map((o) => (
          <option key={o.id} value={o.id}>
            {o.id === "now" ? o.label : `After ${o.label}`}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
