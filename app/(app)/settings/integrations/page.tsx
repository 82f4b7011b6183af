import type { Metadata } from "next";
import { pageContext } from "@/lib/auth/page-context";
import { ApiKeysSection } from "./api-keys/api-keys-section";
import { requestOrigin } from "@/lib/auth/request-context";
import { loadKeys, loadTeamOptions } from "./api-keys/load";
import { ConnectInstructions } from "./connect-instructions";
import { EnterpriseGate } from "./enterprise-gate";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const ctx = await pageContext();
  const enterprise = ctx.org.plan === "enterprise";
  const [active, archived, teams, origin] = enterprise
    ? await Promise.all([
        loadKeys(ctx, "active"),
        loadKeys(ctx, "archived"),
        loadTeamOptions(ctx.org.id),
        requestOrigin(),
      ])
    : [[], [], [], ""];
  return (
    <section aria-labelledby="dev-tools-heading" className="space-y-4">
      <h2 id="dev-tools-heading" className="text-lg font-semibold">
        Developer Tools
      </h2>
      <div className="space-y-4 rounded-lg border p-4">
        <div>
          <h3 className="font-medium">API Keys</h3>
          <p className="text-muted-foreground text-sm">
            API Keys allow you to securely connect Latchkey with other tools.
          </p>
        </div>
        {enterprise ? (
          <>
            <ApiKeysSection active={active} archived={archived} teams={teams} />
            <ConnectInstructions baseUrl={`${origin}/api/v1`} mcpUrl={`${origin}/api/mcp`} />
          </>
        ) : (
          <EnterpriseGate />
        )}
      </div>
    </section>
  );
}
