import type { Metadata } from "next";
import { pageContext } from "@/lib/auth/page-context";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await pageContext();
  return (
    <section aria-labelledby="dev-tools-heading" className="space-y-4">
      <h2 id="dev-tools-heading" className="text-lg font-semibold">
        Developer Tools
      </h2>
      <div className="rounded-lg border p-4">
        <h3 className="font-medium">API Keys</h3>
        <p className="text-muted-foreground text-sm">
          API Keys allow you to securely connect Latchkey with other tools.
        </p>
      </div>
    </section>
  );
}
