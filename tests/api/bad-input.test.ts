import fc from "fast-check";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dataRecords, proposals as proposalsTable } from "@/db/schema";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { call, keyFor } from "../keys/support";
import { machine } from "../helpers/machine";

const database = useTestDatabase();

async function setup() {
  const { org, admin } = await createOrgWithPeople();
  const { key } = await keyFor(admin, org);
  return { org, key };
}

const send = (key: string, body: BodyInit | null, type = "application/json", extra = {}) => ({
  key,
  method: "POST",
  headers: { ...(type ? { "content-type": type } : {}), ...extra },
  body,
});

describe("bad request bodies", () => {
  it.each([
    ["an empty body", "", 400],
    ["whitespace", "   ", 400],
    ["broken JSON", "{", 400],
    ["a JSON array", "[]", 400],
    ["null", "null", 400],
    ["a string", '"title"', 400],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400],
  ] as const)("%s is refused with 400", async (_, body, status) => {
    const { org, key } = await setup();
    const res = await call(machine, "/api/v1/proposals", send(key, body as BodyInit));
    expect(res.status).toBe(status);
    expect(res.body.error).toBe("invalid_request");
    expect(typeof res.body.error_description).toBe("string");
    const [row] = await database.db
      .select({ n: count() })
      .from(proposalsTable)
      .where(eq(proposalsTable.orgId, org.id));
    expect(row?.n).toBe(0);
  });

  it("names the offending fields", async () => {
    const { key } = await setup();
    const res = await call(
      machine,
      "/api/v1/proposals",
      send(key, JSON.stringify({ title: 42, amount: "a lot" })),
    );
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty("title");
    expect(res.body.fields).toHaveProperty("amount");
    expect(res.body.error_description).toMatch(/title/);
  });

  it("names nested fields of a batch, and writes nothing of it", async () => {
    const { org, key } = await setup();
    const res = await call(
      machine,
      "/api/v1/data",
      send(
        key,
        JSON.stringify({ records: [{ event: "ok" }, { event: "", occurredAt: "yesterday" }] }),
      ),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields as object)).toEqual(
      expect.arrayContaining(["records.1.event", "records.1.occurredAt"]),
    );
    const [row] = await database.db
      .select({ n: count() })
      .from(dataRecords)
      .where(eq(dataRecords.orgId, org.id));
    expect(row?.n).toBe(0);
  });

  it("accepts non-ASCII text and refuses unknown fields", async () => {
    const { key } = await setup();
    const ok = await call(
      machine,
      "/api/v1/proposals",
      send(key, JSON.stringify({ title: "提案 — ñandú 🦤", body: "Três dias" })),
    );
    expect(ok.status).toBe(201);
    const nul = await call(
      machine,
      "/api/v1/proposals",
      send(key, JSON.stringify({ title: "x", body: "a\u0000b" })),
    );
    expect(nul.status).toBe(400);
    expect(nul.body.fields).toHaveProperty("body");
    const extra = await call(
      machine,
      "/api/v1/proposals",
      send(key, JSON.stringify({ title: "x", owner: "someone else" })),
    );
    expect(extra.status).toBe(400);
  });

  it("refuses a non-JSON content type with 415", async () => {
    const { key } = await setup();
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "",
      "application/jsonx",
    ]) {
      const res = await call(machine, "/api/v1/proposals", send(key, '{"title":"x"}', type));
      expect(res.status).toBe(415);
    }
    const ok = await call(
      machine,
      "/api/v1/proposals",
      send(key, '{"title":"x"}', "application/json; charset=utf-8"),
    );
    expect(ok.status).toBe(201);
  });

  it("refuses bodies above the limit by Content-Length and by bytes actually read", async () => {
    const { key } = await setup();
    const huge = JSON.stringify({ title: "x", body: "a".repeat(MAX_BODY_BYTES) });
    const declared = await call(machine, "/api/v1/proposals", send(key, huge));
    expect(declared.status).toBe(413);
    // a lying Content-Length: the stream is still cut at the limit
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("a".repeat(8192)));
        controller.close();
      },
    });
    const lying = await call(machine, "/api/v1/proposals", {
      ...send(key, stream, "application/json", { "content-length": "10" }),
      duplex: "half",
    } as RequestInit);
    expect(lying.status).toBe(413);
  });

  it("checks the credential before reading the body", async () => {
    const res = await call(machine, "/api/v1/proposals", send("lk_live_nope", "{}"));
    expect(res.status).toBe(401);
  });

  it("never answers 500 to arbitrary JSON on any endpoint (property)", async () => {
    const { key } = await setup();
    const paths = ["/api/v1/proposals", "/api/v1/data", "/api/v1/segmentation", "/api/v1/push"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const res = await call(machine, path, send(key, JSON.stringify(value)));
        expect([200, 201, 202, 400]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
  });

  it("validates query strings with field names", async () => {
    const { key } = await setup();
    const res = await call(machine, "/api/v1/reports?from=tuesday", { key });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty("from");
    const limit = await call(machine, "/api/v1/proposals?limit=-4", { key });
    expect(limit.status).toBe(400);
    expect(limit.body.fields).toHaveProperty("limit");
  });
});
