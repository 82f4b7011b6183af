"use client";

import { formatDateTime } from "@/lib/format-time";

/** A timestamp in the viewer's time zone (the server render may differ, hence the warning opt-out). */
export function LocalTime({ iso, fallback = "Never" }: { iso: string | null; fallback?: string }) {
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatDateTime(new Date(iso))}
    </time>
  );
}
