import Link from "next/link";
import { CodeSnippet } from "@/components/code-snippet";
import { CopyButton } from "@/components/copy-button";

/** How to call the public API with a key, and how to connect an AI assistant over MCP. */
export function ConnectInstructions({ baseUrl, mcpUrl }: { baseUrl: string; mcpUrl: string }) {
  const mcpConfig = JSON.stringify(
    { mcpServers: { latchkey: { url: mcpUrl, headers: { Authorization: "Bearer <your key>" } } } },
    null,
    2,
  );
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section className="space-y-2 rounded-lg border p-4" aria-labelledby="connect-heading">
        <h4 id="connect-heading" className="font-medium">
          Connect to the API
        </h4>
        <p className="flex items-center gap-1 text-sm">
          API base URL: <code className="bg-muted rounded px-1 font-mono text-xs">{baseUrl}</code>
          <CopyButton value={baseUrl} label="Copy API base URL" />
        </p>
        <p className="text-muted-foreground text-sm">
          Send your key in the Authorization header. Your API key has the permissions of your user
          account within the APIs you select: anything created with it appears as created by you.
        </p>
        <CodeSnippet
          label="curl example"
          text={`curl ${baseUrl}/me \\\n  -H "Authorization: Bearer <your key>"`}
        />
        <p className="text-sm">
          <Link href="/docs/api" className="underline underline-offset-4">
            API reference
          </Link>{" "}
          — every endpoint, the APIs each one needs, and the OpenAPI document.
        </p>
      </section>
      <section className="space-y-2 rounded-lg border p-4" aria-labelledby="mcp-heading">
        <h4 id="mcp-heading" className="font-medium">
          Connect an AI assistant (MCP)
        </h4>
        <p className="text-muted-foreground text-sm">
          Create proposals from your AI assistant, such as ChatGPT or Claude. In an assistant that
          supports remote MCP servers, add this server with a key that has the Proposals API.
        </p>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Server URL</dt>
          <dd className="flex items-center gap-1">
            <code className="bg-muted rounded px-1 font-mono text-xs">{mcpUrl}</code>
            <CopyButton value={mcpUrl} label="Copy MCP server URL" />
          </dd>
          <dt className="text-muted-foreground">Transport</dt>
          <dd>Streamable HTTP</dd>
          <dt className="text-muted-foreground">Header</dt>
          <dd>
            <code className="bg-muted rounded px-1 font-mono text-xs">
              Authorization: Bearer &lt;your key&gt;
            </code>
          </dd>
        </dl>
        <CodeSnippet label="MCP client configuration" text={mcpConfig} />
      </section>
    </div>
  );
}
