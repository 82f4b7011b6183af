import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { withinDatabaseDeadline } from "@/db/deadline";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { json, serviceUnavailable } from "@/lib/api/responses";
import { verifyRequest } from "@/lib/api/verify";
import { withAccessHeaders } from "@/lib/access/enforce";
import { mcpServerFor } from "@/lib/mcp/server";
import { recordUsage } from "@/lib/usage/record";

/**
 * POST /api/mcp: the MCP endpoint (Streamable HTTP, stateless). Every request carries its own
 * bearer credential, verified exactly like the REST API's, and gets a server bound to it.
 */
export async function mcp(request: Request): Promise<Response> {
  try {
    return await serve(request);
  } catch (error) {
    // The credential could not be checked, or a tool could not reach the database in time.
    if (!isDatabaseUnavailable(error)) throw error;
    return serviceUnavailable();
  }
}

async function serve(request: Request): Promise<Response> {
  const verified = await withinDatabaseDeadline(() => verifyRequest(request));
  if (!verified.ok) return verified.response;
  recordUsage(verified.principal, "succeeded");
  const server = mcpServerFor(verified.principal);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_BODY_BYTES,
  });
  try {
    await server.connect(transport);
    const answer = await withinDatabaseDeadline(() => transport.handleRequest(request));
    return withAccessHeaders(answer, verified.headers);
  } finally {
    // With JSON responses the answer is complete here; nothing outlives the request.
    await server.close();
  }
}

/** Stateless: no server-initiated stream to open and no session to end. */
export function mcpMethodNotAllowed() {
  return json(
    { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed. Use POST." }, id: null },
    405,
    { Allow: "POST" },
  );
}
