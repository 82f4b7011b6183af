"use client";

import { format } from "date-fns";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { endOfLocalDay, expiryOptions, type ExpiryChoice } from "@/lib/expiry/options";

/** The field's state: the choice and, for "date", the picked day (`YYYY-MM-DD`). */
export type ExpiryValue = { expiry: ExpiryChoice; date: string };

/** Initial state: "never" for a new credential; in Edit, the current expiry kept unless changed. */
export function initialExpiry(current?: string | null): ExpiryValue {
  return { expiry: current ? "keep" : "never", date: "" };
}

/** What the actions receive: the choice and, for a date, the end of that day in this time zone. */
export function expiryInput(value: ExpiryValue) {
  return {
    expiry: value.expiry,
    expiresAt: value.expiry === "date" ? (endOfLocalDay(value.date) ?? "") : "",
  };
}

const today = () => format(new Date(), "yyyy-MM-dd");

/**
 * Expiration: Never, 7/30/60/90 days or a date. In Edit (`current` given and set) a first option
 * keeps the current expiry.
 */
export function ExpiryField({
  idPrefix,
  value,
  onChange,
  current,
  error,
}: {
  idPrefix: string;
  value: ExpiryValue;
  onChange: (value: ExpiryValue) => void;
  current?: string | null;
  error?: string;
}) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={`${idPrefix}-expiry`}>Expiration</Label>
      <NativeSelect
        id={`${idPrefix}-expiry`}
        value={value.expiry}
        onChange={(e) => onChange({ ...value, expiry: e.target.value as ExpiryChoice })}
      >
        {current && (
          <option value="keep">{`Keep: ${format(new Date(current), "MMM d, yyyy, HH:mm")}`}</option>
        )}
        {expiryOptions.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      {value.expiry === "date" && (
        <div className="grid gap-2">
          <Label htmlFor={`${idPrefix}-expiry-date`}>Expiration date</Label>
          <Input
            id={`${idPrefix}-expiry-date`}
            type="date"
            min={today()}
            value={value.date}
            required
            onChange={(e) => onChange({ ...value, date: e.target.value })}
            aria-invalid={!!error || undefined}
            aria-describedby={error ? `${idPrefix}-expiry-error` : undefined}
          />
          <p className="text-muted-foreground text-xs">It stops working at the end of that day.</p>
        </div>
      )}
      {error && (
        <p id={`${idPrefix}-expiry-error`} className="text-destructive text-sm">
          {error}
        </p>
      )}
    </div>
  );
}
