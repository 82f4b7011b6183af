import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { findOAuthClientDetails } from "@/db/queries/oauth-clients";
import { pageContext } from "@/lib/auth/page-context";
import { nowMs } from "@/lib/clock";
import { clientStatus } from "@/lib/expiry/client-status";
import { loadUsage } from "@/lib/usage/load";
import { ClientDetails, type ClientDetailsView } from "./client-details";

export const metadata: Metadata = { title: "API client details" };

/**
 * One OAuth client of the organization. The segment is the client's record id (what audit events
 * name as their target), not its public client ID. Admins only, like the rest of ADMIN: anyone
 * else, and any id outside the organization, gets 404.
 */
export default async function ClientDetailsPage({
  params,
}: {
  params: Promise<{ clientId: string }>;
}) {
  const { clientId: id } = await params;
  const ctx = await pageContext("admin");
  if (!z.uuid().safeParse(id).success) notFound();
  const client = await findOAuthClientDetails(ctx.org.id, id);
  if (!client) notFound();
  const usage = await loadUsage(ctx.org.id, client.id);
  const view: ClientDetailsView = {
    id: client.id,
    name: client.name,
    clientId: client.clientId,
    apis: client.apis,
    status: clientStatus(client, nowMs()),
    createdAt: client.createdAt.toISOString(),
    createdBy: client.createdByName ?? client.createdByEmail ?? "Former member",
    secretRotatedAt: client.secretRotatedAt?.toISOString() ?? null,
    revokedAt: client.revokedAt?.toISOString() ?? null,
    expiresAt: client.expiresAt?.toISOString() ?? null,
    lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: client.lastUsedIp,
    lastUsedUserAgent: client.lastUsedUserAgent,
    ipAllowlist: client.ipAllowlist,
    rateLimitPerMinute: client.rateLimitPerMinute,
    overlapEndsAt: client.overlapEndsAt ? new Date(client.overlapEndsAt).toISOString() : null,
  };
  return <ClientDetails client={view} usage={usage} />;
}
