import type { Metadata } from "next";
import { listOAuthClients } from "@/db/queries/oauth-clients";
import { pageContext } from "@/lib/auth/page-context";
import { nowMs } from "@/lib/clock";
import { env } from "@/lib/env";
import { clientStatus } from "@/lib/expiry/client-status";
import { ApiManagementScreen } from "./api-management-screen";
import type { ClientRow } from "./clients-table";

export const metadata: Metadata = { title: "API Management" };

export default async function ApiManagementPage() {
  const ctx = await pageContext("admin");
  const clients = await listOAuthClients(ctx.org.id);
  const rows: ClientRow[] = clients.map((c) => ({
    id: c.id,
    name: c.name,
    clientId: c.clientId,
    apis: c.apis,
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdByName ?? c.createdByEmail ?? "Former member",
    status: clientStatus(c, nowMs()),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    ipAllowlist: c.ipAllowlist,
    rateLimitPerMinute: c.rateLimitPerMinute,
    overlapEndsAt: c.overlapEndsAt ? new Date(c.overlapEndsAt).toISOString() : null,
  }));
  return (
    <ApiManagementScreen
      clients={rows}
      enterprise={ctx.org.plan === "enterprise"}
      salesEmail={env().SALES_CONTACT_EMAIL}
    />
  );
}
