"use client";

import { Badge } from "@/components/ui/badge";
import { useNow } from "@/components/use-now";
import { isExpired } from "@/lib/expiry/options";
import type { KeyView } from "@/lib/keys/view";

/** Active, Expired (past its expiry, until the sweep archives it) or Archived; Legacy beside. */
export function StatusBadges({
  apiKey,
}: {
  apiKey: Pick<KeyView, "status" | "legacy"> & { expiresAt?: string | null };
}) {
  const expired = isExpired(apiKey.expiresAt ?? null, useNow());
  return (
    <span className="flex flex-wrap gap-1" suppressHydrationWarning>
      {apiKey.status === "active" && !expired && <Badge variant="success">Active</Badge>}
      {apiKey.status === "active" && expired && <Badge variant="secondary">Expired</Badge>}
      {apiKey.status !== "active" && <Badge variant="secondary">Archived</Badge>}
      {apiKey.legacy && <Badge variant="warning">Legacy</Badge>}
    </span>
  );
}
