"use client";

import { formatDateTime } from "@/lib/format-time";

/**
 * When a key or client was last used, and from where: the caller's IP address and user agent as
 * recorded at that use (at most once a minute, so "last" is to the minute).
 */
export function LastUsed({
  at,
  ip,
  userAgent,
}: {
  at: string | null;
  ip: string | null;
  userAgent: string | null;
}) {
  if (!at) return <span className="text-muted-foreground">Never</span>;
  return (
    <span className="flex flex-col gap-0.5" data-testid="last-used">
      {/* The viewer's time zone: the server render may differ, hence the warning opt-out. */}
      <time dateTime={at} suppressHydrationWarning>
        {formatDateTime(new Date(at))}
      </time>
      <span>
        <span className="text-muted-foreground">IP address: </span>
        <span className="font-mono text-xs" data-testid="last-used-ip">
          {ip ?? "unknown"}
        </span>
      </span>
      <span className="break-all">
        <span className="text-muted-foreground">User agent: </span>
        <span data-testid="last-used-user-agent">{userAgent ?? "unknown"}</span>
      </span>
    </span>
  );
}
