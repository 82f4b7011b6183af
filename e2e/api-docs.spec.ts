import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./support/a11y";
import { people, storageStateOf } from "./support/users";

test.describe("API reference", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("is readable without signing in and renders every operation from the OpenAPI document", async ({
    page,
    request,
  }) => {
    const doc = (await (await request.get("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    await page.goto("/docs/api");
    await expect(page).toHaveURL(/\/docs\/api$/);
    await expect(page.getByRole("heading", { name: "Latchkey API reference" })).toBeVisible();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const block = page.locator(`.opblock-${method}`).filter({
          has: page.locator(`[data-path="${path}"]`),
        });
        await expect(block, `${method.toUpperCase()} ${path} (${op.operationId})`).toBeVisible();
      }
    }
    // One operation opened: the handler's schema, its scope and its error shapes are there.
    await page
      .locator(".opblock-post")
      .filter({ has: page.locator('[data-path="/api/v1/proposals"]') })
      .locator(".opblock-summary-control")
      .click();
    const opened = page.locator("#operations-Proposals-createProposal");
    await expect(opened.getByText("Requires the proposals API")).toBeVisible();
    for (const status of ["201", "400", "401", "403"]) {
      await expect(opened.locator(`tr.response[data-code="${status}"]`)).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: "AI assistants (MCP)" })).toBeVisible();
  });

  test("has no accessibility violations outside the embedded reference", async ({ page }) => {
    await page.goto("/docs/api");
    await expect(page.locator(".swagger-ui .info")).toBeVisible();
    await expectNoA11yViolations(page, { exclude: ".swagger-ui" });
  });
});

test.describe("Integrations connection details", () => {
  test.use({ storageState: storageStateOf("owner") });

  test("show the API base URL, a curl example and the MCP server URL and header", async ({
    page,
    baseURL,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.goto("/settings/integrations");
    const api = page.getByRole("region", { name: "Connect to the API" });
    await expect(api.getByText(`${baseURL}/api/v1`, { exact: true })).toBeVisible();
    await expect(api.getByLabel("curl example", { exact: true })).toContainText(
      `curl ${baseURL}/api/v1/me \\\n  -H "Authorization: Bearer <your key>"`,
    );
    await expect(api.getByRole("link", { name: "API reference" })).toHaveAttribute(
      "href",
      "/docs/api",
    );

    const mcp = page.getByRole("region", { name: "Connect an AI assistant (MCP)" });
    await expect(mcp.getByText(`${baseURL}/api/mcp`, { exact: true })).toBeVisible();
    await expect(mcp.getByText("Authorization: Bearer <your key>", { exact: true })).toBeVisible();
    await expect(mcp.getByText("Streamable HTTP")).toBeVisible();
    await mcp.getByRole("button", { name: "Copy MCP server URL" }).click();
    await expect(mcp.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/api/mcp`);
    await expectNoA11yViolations(page);
  });
});

test.describe("A member's new key", () => {
  // A member: the admin's key list, which other specs expect empty, stays untouched.
  test.use({ storageState: storageStateOf("member") });

  test("the new key's dialog gives a curl example with the key itself, which works", async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.goto("/settings/integrations");
    await page.getByRole("button", { name: "Generate API Key" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate API Key" });
    await dialog.getByLabel("Key name").fill("Assistant key");
    await dialog.getByRole("button", { name: "Generate API Key" }).click();
    const reveal = page.getByRole("dialog", { name: "Your new API key" });
    const key = await reveal.getByLabel("API key", { exact: true }).inputValue();
    await expect(reveal.getByLabel("curl example with this key", { exact: true })).toContainText(
      `-H "Authorization: Bearer ${key}"`,
    );
    // Copying the curl command copies the key too: closing no longer asks for confirmation.
    await reveal.getByRole("button", { name: "Copy curl example with this key" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(key);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ credential: { name: "Assistant key" } });

    // The same key over MCP, as an assistant would send it: the proposal is the member's.
    const mcp = (body: object, bearer = key) =>
      request.post("/api/mcp", {
        headers: {
          Authorization: `Bearer ${bearer}`,
          Accept: "application/json, text/event-stream",
        },
        data: { jsonrpc: "2.0", id: 1, ...body },
      });
    const called = await mcp({
      method: "tools/call",
      params: { name: "create_proposal", arguments: { title: "Drafted by an assistant" } },
    });
    expect(called.status()).toBe(200);
    expect(await called.json()).toMatchObject({
      result: {
        structuredContent: {
          title: "Drafted by an assistant",
          createdBy: { email: people.member.email },
        },
      },
    });
    const listed = await request.get("/api/v1/proposals", {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(JSON.stringify(await listed.json())).toContain("Drafted by an assistant");

    // Revoked: the MCP endpoint refuses the key at once (and the admin's list is empty again).
    await page.getByRole("button", { name: "Actions for Assistant key" }).click();
    await page.getByRole("menuitem", { name: "Revoke" }).click();
    await page
      .getByRole("alertdialog", { name: "Revoke Assistant key?" })
      .getByRole("button", { name: "Revoke" })
      .click();
    await expect(page.getByText("No API key has been generated")).toBeVisible();
    expect((await mcp({ method: "tools/list" })).status()).toBe(401);
  });
});
