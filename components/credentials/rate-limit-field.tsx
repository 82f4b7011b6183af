"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Requests per minute for a key or client; empty means no limit. */
export function RateLimitField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const hint = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Rate limit (requests per minute, optional)</Label>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputMode="numeric"
        autoComplete="off"
        placeholder="No limit"
        className="max-w-40"
        aria-invalid={!!error || undefined}
        aria-describedby={error ? `${errorId} ${hint}` : hint}
      />
      <p id={hint} className="text-muted-foreground text-xs">
        Requests over the limit get 429 Too Many Requests until the minute is up. Leave empty for no
        limit.
      </p>
      {error && (
        <p id={errorId} className="text-destructive text-sm" data-testid="rateLimitPerMinute-error">
          {error}
        </p>
      )}
    </div>
  );
}
