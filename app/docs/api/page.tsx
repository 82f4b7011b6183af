import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };

export default function ApiDocsPage() {
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <header className="space-y-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold">
          <KeyRound className="size-5" aria-hidden />
          Latchkey
        </Link>
        <h1 className="text-2xl font-semibold">Latchkey API reference</h1>
        <p className="text-muted-foreground max-w-3xl text-sm">
          Send an API key from Settings › Integrations, or an access token bought with an OAuth
          client from ADMIN › API Management, as <code>Authorization: Bearer …</code>. Each endpoint
          needs the API named in its description. The machine-readable document is at{" "}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>
      <section aria-labelledby="mcp-heading" className="space-y-2 rounded-lg border p-4">
        <h2 id="mcp-heading" className="font-medium">
          AI assistants (MCP)
        </h2>
        <p className="text-muted-foreground text-sm">
          Assistants that support remote MCP servers can create and list proposals: add the server
          URL <code>/api/mcp</code> of this site (Streamable HTTP) with the header{" "}
          <code>Authorization: Bearer &lt;your key&gt;</code>. The key needs the Proposals API.
          Tools: <code>create_proposal</code>, <code>list_proposals</code>, <code>whoami</code>.
        </p>
      </section>
      <ApiReference />
    </main>
  );
}
