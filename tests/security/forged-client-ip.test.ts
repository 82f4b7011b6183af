import { request as httpRequest } from "node:http";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { apiKeys } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { compileTrust } from "@/lib/http/forwarded";
import { CLIENT_FAILURE_LIMIT } from "@/lib/oauth/client-auth";
import { useTestDatabase } from "../helpers/db";
import { startDoor } from "../helpers/door-server";
import { createOrgWithPeople } from "../helpers/factories";
import { keyFor } from "../keys/support";
import { basic, createClient, form } from "../oauth/helpers";

const database = useTestDatabase();

/** A raw request, so the test chooses every header exactly (repeated ones and their spelling). */
function send(
  url: string,
  rawHeaders: [string, string][],
  init: { method?: string; body?: string } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const host: [string, string] = ["Host", new URL(url).host];
    const req = httpRequest(url, {
      method: init.method ?? "GET",
      headers: [host, ...rawHeaders].flat(),
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const seenByNext = async (base: string, headers: [string, string][]) =>
  JSON.parse((await send(`${base}/settings`, headers)).body) as { ip: string; rawNames: string[] };

describe("a forged X-Forwarded-For", () => {
  it("from a caller that is not a trusted proxy is ignored: the socket's address is used", async () => {
    const { base } = await startDoor();
    const seen = await seenByNext(base, [["X-Forwarded-For", "203.0.113.7"]]);
    expect(seen.ip).toBe("127.0.0.1");
  });

  it("from a trusted proxy is honoured, up to the nearest hop that is not trusted", async () => {
    const { base } = await startDoor("loopback");
    expect((await seenByNext(base, [["X-Forwarded-For", "203.0.113.7"]])).ip).toBe("203.0.113.7");
    // The client wrote the first entry itself; only what our proxy appended is believed.
    const chain = await seenByNext(base, [["X-Forwarded-For", "198.51.100.66, 203.0.113.8"]]);
    expect(chain.ip).toBe("203.0.113.8");
    const trustedRange = await startDoor("127.0.0.0/8, 10.0.0.0/8");
    const twoProxies = await seenByNext(trustedRange.base, [
      ["X-Forwarded-For", "198.51.100.66, 203.0.113.9, 10.1.2.3"],
    ]);
    expect(twoProxies.ip).toBe("203.0.113.9");
  });

  it("does not move the address last-used records, from an untrusted caller", async () => {
    const { base } = await startDoor();
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    const response = await send(`${base}/api/v1/me`, [
      ["Authorization", `Bearer ${key}`],
      ["X-Forwarded-For", "203.0.113.7"],
      ["X-Latchkey-Client-IP", "203.0.113.99"],
    ]);
    expect(response.status).toBe(200);
    await vi.waitFor(async () => {
      const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
      expect(row?.lastUsedIp).toBe("127.0.0.1");
    });
  });

  it("cannot spread a flood of wrong client secrets over made-up addresses", async () => {
    const { base } = await startDoor();
    const { org, admin } = await createOrgWithPeople();
    const client = await createClient(org, admin);
    const other = await createClient(org, admin);
    const attempt = (i: number) =>
      send(
        `${base}/api/oauth/token`,
        [
          ["Content-Type", "application/x-www-form-urlencoded"],
          ["Authorization", basic(client.clientId, other.secret)],
          ["X-Forwarded-For", `198.18.0.${i + 1}`],
        ],
        { method: "POST", body: form({ grant_type: "client_credentials" }) },
      );
    // A window boundary between the attempts would split them over two counters.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    for (let i = 0; i < CLIENT_FAILURE_LIMIT; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(CLIENT_FAILURE_LIMIT)).status).toBe(429);
  });
});

describe("a forged internal address header", () => {
  it("is stripped, however it is spelt and however often it is sent, and replaced by the real one", async () => {
    const { base } = await startDoor();
    const seen = await seenByNext(base, [
      ["X-Latchkey-Client-IP", "203.0.113.99"],
      ["x-latchkey-client-ip", "203.0.113.98"],
      ["X-LATCHKEY-CLIENT-IP", "203.0.113.97"],
    ]);
    expect(seen.ip).toBe("127.0.0.1");
    expect(seen.rawNames).toEqual([CLIENT_IP_HEADER]);
  });

  it("is stripped even when sent by a trusted proxy: only the server sets it", async () => {
    const { base } = await startDoor("loopback");
    const seen = await seenByNext(base, [[CLIENT_IP_HEADER, "203.0.113.99"]]);
    expect(seen.ip).toBe("127.0.0.1");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("refuses an entry that is not an address or range", () => {
    expect(() => compileTrust("10.0.0.0/8, proxy.internal")).toThrow();
    expect(() => compileTrust("")).not.toThrow();
  });
});
