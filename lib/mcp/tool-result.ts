import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** A tool's success: the data as structured content and, for older clients, as JSON text. */
export function toolData(data: unknown): CallToolResult {
  const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  return {
    content: [{ type: "text", text: JSON.stringify(plain, null, 2) }],
    structuredContent: plain,
  };
}

/** A tool error the assistant can read and act on (an MCP tool error, not a protocol error). */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}
