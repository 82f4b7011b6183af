import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dataRecords, proposals as proposalsTable } from "@/db/schema";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "@/lib/api/body";
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

const post = (key: string, body: string) => ({
  key,
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});

/** `depth` arrays nested in one another: `[[[…]]]`. */
const arrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
/** `depth` objects nested in one another: `{"a":{"a":…{}}}`. */
const objects = (depth: number) => '{"a":'.repeat(depth) + "{}" + "}".repeat(depth);

describe("deeply nested JSON", () => {
  it.each([
    ["arrays nested as deep as 64 KiB allows", `{"title":"x","body":${arrays(32_000)}}`],
    ["objects nested ten thousand deep", `{"title":"x","body":${objects(10_000)}}`],
    ["unclosed arrays filling the limit", "[".repeat(MAX_BODY_BYTES - 1)],
    ["a deep string-free mix", `{"title":${"[{".repeat(10_000)}"x"${"}]".repeat(10_000)}}`],
  ])("%s get 400, never 500", async (_, body) => {
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const { org, key } = await setup();
    const res = await call(machine, "/api/v1/proposals", post(key, body));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
    const [row] = await database.db
      .select({ n: count() })
      .from(proposalsTable)
      .where(eq(proposalsTable.orgId, org.id));
    expect(row?.n).toBe(0);
  });

  it("a deep value inside free-form properties gets 400 and stores nothing", async () => {
    const { org, key } = await setup();
    const body = `{"records":[{"event":"e","properties":{"p":${arrays(30_000)}}}]}`;
    const res = await call(machine, "/api/v1/data", post(key, body));
    expect(res.status).toBe(400);
    expect(res.body.error_description).toMatch(/nested/i);
    const [row] = await database.db
      .select({ n: count() })
      .from(dataRecords)
      .where(eq(dataRecords.orgId, org.id));
    expect(row?.n).toBe(0);
  });

  it("nesting up to the documented depth is accepted", async () => {
    const { key } = await setup();
    // the body's own object, records, the record and properties take four levels
    const value = objects(MAX_JSON_DEPTH - 5);
    const body = `{"records":[{"event":"e","properties":{"p":${value}}}]}`;
    const res = await call(machine, "/api/v1/data", post(key, body));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const deeper = `{"records":[{"event":"e","properties":{"p":${objects(MAX_JSON_DEPTH - 4)}}}]}`;
    expect((await call(machine, "/api/v1/data", post(key, deeper))).status).toBe(400);
  });

  it("brackets inside strings do not count as nesting", async () => {
    const { key } = await setup();
    const body = JSON.stringify({ title: "x", body: "[".repeat(5000) + '\\"{'.repeat(1000) });
    const res = await call(machine, "/api/v1/proposals", post(key, body));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});
