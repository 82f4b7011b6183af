import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { call, keyFor } from "../keys/support";
import { machine } from "../helpers/machine";

useTestDatabase();

const post = (key: string, body: unknown) => ({
  key,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("proposals", () => {
  it("are created by the key's user and listed per organization", async () => {
    const { org, member } = await createOrgWithPeople();
    const other = await createOrgWithPeople();
    const { key } = await keyFor(member, org);
    const { key: otherKey } = await keyFor(other.admin, other.org);
    const created = await call(
      machine,
      "/api/v1/proposals",
      post(key, {
        title: "Trip to Lisbon ✈️",
        body: "Três dias",
        amount: 1234.5,
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: "Trip to Lisbon ✈️",
      amount: 1234.5,
      createdBy: { id: member.id, email: member.email },
    });
    const list = await call(machine, "/api/v1/proposals", { key });
    expect(list.body.data).toEqual([
      expect.objectContaining({
        title: "Trip to Lisbon ✈️",
        createdBy: expect.objectContaining({ id: member.id }),
      }),
    ]);
    const foreign = await call(machine, "/api/v1/proposals", { key: otherKey });
    expect(foreign.body.data).toEqual([]);
  });
});

describe("data and reports", () => {
  it("ingests a batch and reports counts per event over a range", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const records = [
      { event: "signup", properties: { plan: "pro" }, occurredAt: "2026-01-02T10:00:00Z" },
      { event: "signup", occurredAt: "2026-01-03T10:00:00Z" },
      { event: "purchase", properties: { amount: 3 }, occurredAt: "2026-01-03T11:00:00+01:00" },
      { event: "signup", occurredAt: "2025-12-01T00:00:00Z" },
    ];
    const ingest = await call(machine, "/api/v1/data", post(key, { records }));
    expect(ingest.status).toBe(202);
    expect(ingest.body).toEqual({ accepted: 4 });
    const res = await call(
      machine,
      "/api/v1/reports?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
      { key },
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.events).toEqual([
      expect.objectContaining({ event: "signup", count: 2 }),
      expect.objectContaining({ event: "purchase", count: 1 }),
    ]);
    const listed = await call(machine, "/api/v1/data?event=purchase", { key });
    expect(listed.body.data).toEqual([expect.objectContaining({ event: "purchase" })]);
  });

  it("refuses a report range that ends before it starts", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const res = await call(
      machine,
      "/api/v1/reports?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
      { key },
    );
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty("from");
  });
});

describe("segmentation and push", () => {
  it("creates segments and queues messages to a segment or to users", async () => {
    const { org, admin } = await createOrgWithPeople();
    const other = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const { key: otherKey } = await keyFor(other.admin, other.org);
    const segment = await call(
      machine,
      "/api/v1/segmentation",
      post(key, {
        name: "Pro users",
        rules: [{ property: "plan", operator: "eq", value: "pro" }],
      }),
    );
    expect(segment.status).toBe(201);
    const segmentId = segment.body.id as string;
    const queued = await call(
      machine,
      "/api/v1/push",
      post(key, { segmentId, title: "Hi", body: "Hello" }),
    );
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe("queued");
    const direct = await call(
      machine,
      "/api/v1/push",
      post(key, { userIds: ["u1", "u2"], title: "Hi", body: "Yo" }),
    );
    expect(direct.status).toBe(202);
    // another organization cannot target this segment
    const foreign = await call(
      machine,
      "/api/v1/push",
      post(otherKey, { segmentId, title: "x", body: "y" }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toHaveProperty("segmentId");
    expect((await call(machine, "/api/v1/push", { key })).body.data).toHaveLength(2);
    expect((await call(machine, "/api/v1/segmentation", { key })).body.data).toHaveLength(1);
  });
});
