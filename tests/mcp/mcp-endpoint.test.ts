import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { machine } from "../helpers/machine";
import { actAs, onPage } from "../helpers/session";
import { createOrgWithPeople } from "../helpers/factories";
import { call, keyFor, revokeApiKey } from "../keys/support";
import { createClient, tokenFor } from "../oauth/helpers";

useTestDatabase();

/** The machine door, reached through fetch without leaving the process. */
const inProcessFetch = async (input: string | URL | Request, init?: RequestInit) =>
  machine(new Request(input, init));

async function connect(key: string) {
  const client = new Client({ name: "test-assistant", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("http://localhost/api/mcp"), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
    fetch: inProcessFetch,
  });
  await client.connect(transport);
  return client;
}

const textOf = (result: CallToolResult) =>
  result.content.map((c) => (c.type === "text" ? c.text : "")).join("");

describe("MCP endpoint", () => {
  it("lists the tools, creates a proposal the REST API then finds, attributed to the key's user", async () => {
    const { org, member } = await createOrgWithPeople();
    const { key } = await keyFor(member, org, { apis: ["proposals"] });
    const client = await connect(key);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "create_proposal",
      "list_proposals",
      "whoami",
    ]);
    const create = tools.find((t) => t.name === "create_proposal")!;
    expect(create.inputSchema.required).toEqual(["title"]);

    const result = (await client.callTool({
      name: "create_proposal",
      arguments: { title: "Offsite in Porto", amount: 4200 },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const created = result.structuredContent as { id: string; createdBy: { id: string } };
    expect(created.createdBy.id).toBe(member.id);

    const listed = await call(machine, "/api/v1/proposals", { key });
    expect(listed.status).toBe(200);
    const rows = (
      listed.body as { data: { id: string; title: string; createdBy: { id: string } }[] }
    ).data;
    expect(rows).toContainEqual(
      expect.objectContaining({
        id: created.id,
        title: "Offsite in Porto",
        createdBy: expect.objectContaining({ id: member.id }),
      }),
    );

    const viaTool = (await client.callTool({
      name: "list_proposals",
      arguments: {},
    })) as CallToolResult;
    expect(
      (viaTool.structuredContent as { data: { id: string }[] }).data.map((p) => p.id),
    ).toContain(created.id);

    const who = (await client.callTool({ name: "whoami", arguments: {} })) as CallToolResult;
    expect(who.structuredContent).toMatchObject({
      organization: { id: org.id },
      user: { id: member.id },
      apis: ["proposals"],
    });
    await client.close();
  });

  it("accepts an OAuth access token: proposals are the client's, with no user", async () => {
    const { org, admin } = await createOrgWithPeople();
    const oauthClient = await createClient(org, admin, { apis: ["proposals"] });
    const client = await connect(await tokenFor(oauthClient));
    const who = (await client.callTool({ name: "whoami", arguments: {} })) as CallToolResult;
    expect(who.structuredContent).toMatchObject({
      credential: { type: "oauth_client" },
      user: null,
      apis: ["proposals"],
    });
    const result = (await client.callTool({
      name: "create_proposal",
      arguments: { title: "From a service" },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ title: "From a service", createdBy: null });
    await client.close();
  });

  it("returns invalid tool input as a tool error naming the field", async () => {
    const { org, member } = await createOrgWithPeople();
    const { key } = await keyFor(member, org, { apis: ["proposals"] });
    const client = await connect(key);
    const result = (await client.callTool({
      name: "create_proposal",
      arguments: { title: "", amount: -5 },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/title/);
    const listed = await call(machine, "/api/v1/proposals", { key });
    expect((listed.body as { data: unknown[] }).data).toHaveLength(0);
    await client.close();
  });

  it("refuses proposals to a key without the proposals API, as a tool error", async () => {
    const { org, member } = await createOrgWithPeople();
    const { key } = await keyFor(member, org, { apis: ["data"] });
    const client = await connect(key);
    for (const name of ["create_proposal", "list_proposals"]) {
      const result = (await client.callTool({
        name,
        arguments: name === "create_proposal" ? { title: "Nope" } : {},
      })) as CallToolResult;
      expect(result.isError, name).toBe(true);
      expect(textOf(result)).toMatch(/insufficient_scope.*proposals/);
    }
    const { key: full } = await keyFor(member, org, { apis: ["proposals"] });
    const listed = await call(machine, "/api/v1/proposals", { key: full });
    expect((listed.body as { data: unknown[] }).data).toHaveLength(0);
    await client.close();
  });

  it("refuses a revoked key, no key and a bad key with 401 before any MCP exchange", async () => {
    const { org, member } = await createOrgWithPeople();
    const { key, id } = await keyFor(member, org, { apis: ["proposals"] });
    actAs(member, org.id);
    expect((await revokeApiKey(null, onPage({ keyId: id }))).ok).toBe(true);
    await expect(connect(key)).rejects.toThrow(/401|invalid_token|Unauthorized/i);

    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "curl", version: "1" },
      },
    };
    for (const authorization of [undefined, "Bearer lk_not_a_key", `Bearer ${key}`]) {
      const response = await machine(
        new Request("http://localhost/api/mcp", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            ...(authorization ? { authorization } : {}),
          },
          body: JSON.stringify(initialize),
        }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("answers GET and DELETE with 405 (stateless: no stream, no session)", async () => {
    for (const method of ["GET", "DELETE"]) {
      const response = await machine(new Request("http://localhost/api/mcp", { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });
});
