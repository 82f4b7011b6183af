import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { generateClientSecret, generateKey } from "@/lib/secrets/prefixed";
import { createDb, setHandle, type DbHandle } from "@/db/client";
import { isDatabaseUnavailable, withDatabaseDeadline } from "@/db/unavailable";
import { machine } from "../helpers/machine";

// No test database here: each test points the app at a PostgreSQL address that cannot answer
// (nothing listening, or a listener that accepts and stays silent), so this runs the same with
// or without a PostgreSQL server.

let handle: DbHandle | undefined;
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  delete process.env.DATABASE_TIMEOUT_MS;
  // the silent listener's connections first: queries still waiting on them then fail, and the
  // pool can end
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) s.close();
  // at once: a plain end() waits for queries that were abandoned at their deadline
  const client = (handle?.db as unknown as { $client?: { end: (o: object) => Promise<void> } })
    ?.$client;
  await client?.end({ timeout: 0 });
  handle = undefined;
  setHandle(undefined);
});

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
}

/** A port nothing listens on: connections are refused at once. */
async function refusedPort() {
  const server = net.createServer();
  const port = await listen(server);
  servers.splice(servers.indexOf(server), 1);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A listener that accepts connections and never says a word, like a black-holed network. */
async function silentPort() {
  return listen(net.createServer((socket) => sockets.push(socket)));
}

function useDatabaseAt(port: number) {
  handle = createDb({ url: `postgres://postgres@127.0.0.1:${port}/latchkey` });
  setHandle(handle);
}

const get = (path: string, headers: Record<string, string> = {}) =>
  machine(new Request(`http://localhost${path}`, { headers }));
const withKey = (key: string) => get("/api/v1/me", { authorization: `Bearer ${key}` });

function tokenRequest(path = "/api/oauth/token", body = "grant_type=client_credentials") {
  const basic = Buffer.from(`${randomUUID()}:${generateClientSecret()}`).toString("base64");
  return machine(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body,
    }),
  );
}

function mcpRequest(key: string) {
  return machine(
    new Request("http://localhost/api/mcp", {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    }),
  );
}

/** A token shaped like ours: verifying it needs the signing keys from the database. */
function accessTokenShaped() {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "ES256", typ: "at+jwt", kid: "k1" })}.${part({ sub: "x" })}.c2ln`;
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  expect(response.headers.get("retry-after")).toBe("5");
  const text = await response.text();
  expect(JSON.parse(text)).toMatchObject({ error: "temporarily_unavailable" });
  expect(text).not.toMatch(/ECONNREFUSED|at |127\.0\.0\.1|postgres/);
}

describe("the machine door when the database cannot be reached", () => {
  it("answers 503 with a JSON body on every route that needs it, never a verdict on a credential", async () => {
    useDatabaseAt(await refusedPort());
    await expectUnavailable(await withKey(generateKey()));
    await expectUnavailable(await withKey(accessTokenShaped()));
    await expectUnavailable(await get("/api/v1/data", { "x-api-key": generateKey() }));
    await expectUnavailable(await tokenRequest());
    await expectUnavailable(await tokenRequest("/api/oauth/revoke", "token=x"));
    await expectUnavailable(await tokenRequest("/api/oauth/introspect", "token=x"));
    await expectUnavailable(await get("/.well-known/jwks.json"));
    await expectUnavailable(await mcpRequest(generateKey()));
    const health = await get("/api/health");
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toBe("5");
    expect(await health.json()).toMatchObject({ status: "error", database: { status: "down" } });
  });

  it("gives up on a silent database within DATABASE_TIMEOUT_MS", async () => {
    process.env.DATABASE_TIMEOUT_MS = "300";
    useDatabaseAt(await silentPort());
    for (const send of [
      () => withKey(generateKey()),
      () => tokenRequest(),
      () => get("/.well-known/jwks.json"),
      () => mcpRequest(generateKey()),
    ]) {
      const started = performance.now();
      const response = await send();
      // the deadline plus scheduling slack on a busy machine, far below postgres.js's 30 s
      expect(performance.now() - started).toBeLessThan(2000);
      await expectUnavailable(response);
    }
    const started = performance.now();
    expect((await get("/api/health")).status).toBe(503);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("still answers requests that need no database", async () => {
    useDatabaseAt(await refusedPort());
    expect((await get("/api/v1/me")).status).toBe(401);
    const malformed = generateKey().slice(0, -1) + "!";
    expect((await withKey(malformed)).status).toBe(401);
    expect((await get("/.well-known/oauth-authorization-server")).status).toBe(200);
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures and server shutdowns, also wrapped by the query builder", () => {
    const wrapped = (code: string) =>
      Object.assign(new Error("Failed query: select 1"), {
        cause: Object.assign(new Error("x"), { code }),
      });
    for (const code of ["ECONNREFUSED", "CONNECTION_CLOSED", "CONNECT_TIMEOUT", "57P01", "08006"]) {
      expect(isDatabaseUnavailable(wrapped(code)), code).toBe(true);
    }
    for (const code of ["42601", "23505", "22P02", "ENOENT"]) {
      expect(isDatabaseUnavailable(wrapped(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error("plain"))).toBe(false);
  });

  it("bounds slow work and leaves fast work alone", async () => {
    await expect(withDatabaseDeadline(async () => 7, 200)).resolves.toBe(7);
    const slow = () => new Promise((resolve) => setTimeout(resolve, 1000));
    await expect(withDatabaseDeadline(slow, 50)).rejects.toMatchObject({
      code: "DATABASE_TIMEOUT",
    });
  });
});
