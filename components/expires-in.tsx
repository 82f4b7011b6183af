"use client";

import { expiresInLabel } from "@/lib/expiry/options";
import { useNow } from "./use-now";

/** "Expires in N days", "Expired", or "Never" (muted) for a credential without an expiry. */
export function ExpiresIn({ iso }: { iso: string | null }) {
  const label = expiresInLabel(iso, useNow());
  if (!label) return <span className="text-muted-foreground">Never</span>;
  return (
    <time
      dateTime={iso!}
      title={new Date(iso!).toLocaleString()}
      className={label === "Expired" ? "text-destructive" : undefined}
      suppressHydrationWarning
    >
      {label}
    </time>
  );
}
