import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { listProposals } from "@/db/queries/resources";
import { isDatabaseUnavailable } from "@/db/unavailable";
import type { ApiId } from "@/lib/api-catalogue";
import type { Principal } from "@/lib/api/principal";
import { whoami } from "@/lib/api/whoami";
import { createProposal } from "@/lib/proposals/create";
import { createProposalInputSchema } from "@/lib/proposals/input";
import { toolData, toolError } from "./tool-result";
import { log } from "@/lib/log";

const listProposalsInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20).describe("How many, newest first."),
});

/**
 * An MCP server bound to one verified credential: its tools act as that credential, with the
 * same API scopes and attribution as the REST API.
 */
export function mcpServerFor(principal: Principal): McpServer {
  const server = new McpServer(
    { name: "latchkey", title: "Latchkey", version: "1.0.0" },
    {
      instructions:
        "Create and list proposals in the user's Latchkey organization. Proposals created here appear as created by the user who owns the API key.",
    },
  );

  /** Runs a tool body within the API scope it needs; failures become tool errors. */
  const scoped =
    <A>(api: ApiId | null, body: (args: A) => Promise<CallToolResult>) =>
    async (args: A): Promise<CallToolResult> => {
      if (api && !principal.apis.includes(api)) {
        const where =
          principal.kind === "api_key"
            ? "Give the key this API in Settings › Integrations."
            : "Give the client this API in ADMIN › API Management.";
        return toolError(
          `insufficient_scope: this credential has no access to the ${api} API. ${where}`,
        );
      }
      try {
        return await body(args);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          return toolError("temporarily_unavailable: the service could not answer. Try again.");
        }
        log.error({ err: error }, "MCP tool failed");
        return toolError("Something went wrong. Please try again.");
      }
    };

  server.registerTool(
    "whoami",
    {
      title: "Who am I",
      description:
        "The organization, the user (or OAuth client) this credential acts as, and the APIs it may use.",
      annotations: { readOnlyHint: true },
    },
    scoped(null, async () => toolData(whoami(principal))),
  );

  server.registerTool(
    "create_proposal",
    {
      title: "Create a proposal",
      description:
        "Creates a proposal in the organization, attributed to the key's user. Needs the proposals API.",
      inputSchema: createProposalInputSchema,
    },
    scoped("proposals", async (args: z.output<typeof createProposalInputSchema>) => {
      return toolData(await createProposal(principal, args));
    }),
  );

  server.registerTool(
    "list_proposals",
    {
      title: "List proposals",
      description: "The organization's proposals, newest first. Needs the proposals API.",
      inputSchema: listProposalsInput,
      annotations: { readOnlyHint: true },
    },
    scoped("proposals", async (args: z.output<typeof listProposalsInput>) =>
      toolData({ data: await listProposals(principal.orgId, args.limit) }),
    ),
  );

  return server;
}
