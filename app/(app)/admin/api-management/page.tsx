import type { Metadata } from "next";
import { listOAuthClients } from "@/db/queries/oauth-clients";
import { pageContext } from "@/lib/auth/page-context";
import { env } from "@/lib/env";
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
    status: c.revokedAt ? "Revoked" : "Active",
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  }));
  return (
    <ApiManagementScreen
      clients={rows}
      enterprise={ctx.org.plan === "enterprise"}
      salesEmail={env().SALES_CONTACT_EMAIL}
    />
  );
}
