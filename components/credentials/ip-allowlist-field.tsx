"use client";

import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

/** The IP allowlist of a key or client, one entry per line; the server names any bad entry. */
export function IpAllowlistField({
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
      <Label htmlFor={id}>IP allowlist (optional)</Label>
      <Textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        placeholder={"203.0.113.0/24\n2001:db8::/32"}
        className="font-mono text-xs"
        aria-invalid={!!error || undefined}
        aria-describedby={error ? `${errorId} ${hint}` : hint}
      />
      <p id={hint} className="text-muted-foreground text-xs">
        One IPv4 or IPv6 address or CIDR range per line. Requests from anywhere else are refused
        with 403. Leave empty to allow any address.
      </p>
      {error && (
        <p id={errorId} className="text-destructive text-sm" data-testid="ipAllowlist-error">
          {error}
        </p>
      )}
    </div>
  );
}
