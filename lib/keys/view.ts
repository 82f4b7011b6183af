import type { ApiKeyRow } from "@/db/queries/keys";
import { accessLevel } from "@/lib/api-catalogue";
import { maskedKey } from "@/lib/secrets/prefixed";

/** What the key screens receive: serialisable, and nothing secret beyond the masked form. */
export type KeyView = {
  id: string;
  name: string;
  masked: string;
  /** The secret this view shows as current: a regenerate sends it back, so a stale view is refused. */
  secretId: string | null;
  apis: string[];
  access: "Full" | "Partial";
  teamId: string | null;
  teamName: string | null;
  createdByName: string;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  lastUsedUserAgent: string | null;
  status: "active" | "archived";
  legacy: boolean;
  archivedAt: string | null;
  /** When the key stops working; null: never. */
  expiresAt: string | null;
  /** When the previous secret of an overlap rotation stops working. */
  overlapEndsAt: string | null;
  ipAllowlist: string[];
  rateLimitPerMinute: number | null;
};

export function toKeyView(row: ApiKeyRow): KeyView {
  return {
    id: row.id,
    name: row.name,
    masked: row.secret ? maskedKey(row.secret) : "••••••••",
    secretId: row.secret?.id ?? null,
    apis: row.apis,
    access: accessLevel(row.apis),
    teamId: row.teamId,
    teamName: row.teamName,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    lastUsedUserAgent: row.lastUsedUserAgent,
    status: row.status,
    legacy: row.legacy,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    overlapEndsAt: row.secret?.previousExpiresAt?.toISOString() ?? null,
    ipAllowlist: row.ipAllowlist,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}
