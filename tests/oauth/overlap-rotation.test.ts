import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createOAuthClient,
  endOAuthClientSecretOverlap,
  rotateOAuthClientSecret,
} from "@/app/(app)/admin/api-management/actions";
import { GET as me } from "@/machine/v1/me/route";
import { findOAuthClientDetails } from "@/db/queries/oauth-clients";
import { auditEvents, oauthClients } from "@/db/schema";
import { overlapIds, type OverlapId } from "@/lib/keys/lifecycle";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { ipHeaders } from "../helpers/client-ip";
import { createOrgWithPeople } from "../helpers/factories";
import { actAs, onPage } from "../helpers/session";
import { basic, form, ISSUER, post } from "./helpers";

const database = setUpTestDatabase();

async function adminWithClient() {
  const people = await createOrgWithPeople();
  actAs(people.admin, people.org.id);
  const result = await createOAuthClient(null, onPage({ name: "Payroll", apis: ["data"] }));
  if (!result.ok) throw new Error(result.message);
  return {
    ...people,
    id: result.data.id,
    clientId: result.data.clientId,
    secret: result.data.clientSecret,
  };
}

async function rotate(id: string, overlap: OverlapId) {
  const result = await rotateOAuthClientSecret(null, onPage({ id, overlap }));
  if (!result.ok) throw new Error(result.message);
  return result.data.clientSecret;
}

// Each probe from its own address: probing dead secrets on purpose must not run into the failed
// authentication budget (10 a minute per client and address), which has its own tests.
let probes = 0;
const probeAddress = () => {
  probes += 1;
  return ipHeaders(`10.${(probes >> 16) & 255}.${(probes >> 8) & 255}.${probes & 255}`);
};

const tokenStatus = async (clientId: string, secret: string) =>
  (
    await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(clientId, secret),
      ...probeAddress(),
    })
  ).status;

async function tokenWith(clientId: string, secret: string) {
  const response = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
    authorization: basic(clientId, secret),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const apiStatus = async (token: string) =>
  (await me(new Request(`${ISSUER}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })))
    .status;

/** Moves the overlap's end into the past, as if its window had run out. */
const expireOverlap = (id: string) =>
  database.db
    .update(oauthClients)
    .set({ previousSecretExpiresAt: sql`now() - interval '1 second'` })
    .where(eq(oauthClients.id, id));

describe("rotating a client secret with an overlap", () => {
  it("keeps the old secret and its tokens working during the window, and refuses them after it", async () => {
    const c = await adminWithClient();
    const oldToken = await tokenWith(c.clientId, c.secret);
    const fresh = await rotate(c.id, "24h");

    expect(await tokenStatus(c.clientId, c.secret)).toBe(200);
    expect(await tokenStatus(c.clientId, fresh)).toBe(200);
    expect(await apiStatus(oldToken)).toBe(200);
    // a token bought with the old secret during the window belongs to the old secret
    const duringWindow = await tokenWith(c.clientId, c.secret);
    const withNew = await tokenWith(c.clientId, fresh);
    expect(await apiStatus(duringWindow)).toBe(200);

    const details = await findOAuthClientDetails(c.org.id, c.id);
    const endsAt = new Date(details!.overlapEndsAt!).getTime();
    expect(endsAt - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(endsAt - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    await expireOverlap(c.id);
    expect(await tokenStatus(c.clientId, c.secret)).toBe(401);
    expect(await apiStatus(oldToken)).toBe(401);
    expect(await apiStatus(duringWindow)).toBe(401);
    expect(await verifyAccessToken(duringWindow)).toBeNull();
    expect(await apiStatus(withNew)).toBe(200);
    expect(await tokenStatus(c.clientId, fresh)).toBe(200);
    expect((await findOAuthClientDetails(c.org.id, c.id))?.overlapEndsAt).toBeNull();
  });

  it("immediately (the default) still ends the old secret and every token issued before", async () => {
    const c = await adminWithClient();
    const oldToken = await tokenWith(c.clientId, c.secret);
    const result = await rotateOAuthClientSecret(null, onPage({ id: c.id }));
    expect(result.ok).toBe(true);
    expect(await tokenStatus(c.clientId, c.secret)).toBe(401);
    expect(await apiStatus(oldToken)).toBe(401);
  });

  it("never leaves more than two live secrets, whatever the sequence of rotations (property)", async () => {
    const c = await adminWithClient();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...overlapIds), { minLength: 1, maxLength: 4 }),
        async (overlaps) => {
          actAs(c.admin, c.org.id);
          const secrets = [await rotate(c.id, "now")];
          const tokens = [await tokenWith(c.clientId, secrets[0]!)];
          for (const overlap of overlaps) {
            secrets.push(await rotate(c.id, overlap));
            tokens.push(await tokenWith(c.clientId, secrets.at(-1)!));
          }
          const live = [];
          for (const s of secrets) if ((await tokenStatus(c.clientId, s)) === 200) live.push(s);
          expect(live.length).toBeLessThanOrEqual(2);
          expect(live).toContain(secrets.at(-1));
          const previousLives = overlaps.at(-1) !== "now";
          expect(live.includes(secrets.at(-2)!)).toBe(previousLives);
          // tokens follow their secret
          expect(await apiStatus(tokens.at(-1)!)).toBe(200);
          expect(await apiStatus(tokens.at(-2)!)).toBe(previousLives ? 200 : 401);
          for (const older of tokens.slice(0, -2)) expect(await apiStatus(older)).toBe(401);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("20 simultaneous overlap rotations leave exactly two live secrets", async () => {
    const c = await adminWithClient();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        rotateOAuthClientSecret(null, onPage({ id: c.id, overlap: i % 2 ? "1h" : "7d" })),
      ),
    );
    const secrets = results.flatMap((r) => (r.ok ? [r.data.clientSecret] : []));
    expect(secrets.length).toBeGreaterThan(0);
    const statuses = await Promise.all(
      [c.secret, ...secrets].map((s) => tokenStatus(c.clientId, s)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
  });
});

describe("End overlap now for a client", () => {
  it("stops the previous secret and its tokens at once, keeps the new one and is audited", async () => {
    const c = await adminWithClient();
    const fresh = await rotate(c.id, "7d");
    const oldToken = await tokenWith(c.clientId, c.secret);
    const result = await endOAuthClientSecretOverlap(null, onPage({ id: c.id }));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(await tokenStatus(c.clientId, c.secret)).toBe(401);
    expect(await apiStatus(oldToken)).toBe(401);
    expect(await tokenStatus(c.clientId, fresh)).toBe(200);

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.targetId, c.id), eq(auditEvents.event, "oauth_client.overlap_ended")),
      );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "update", actorId: c.admin.id });
    const [rotated] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.targetId, c.id), eq(auditEvents.event, "oauth_client.secret_rotated")),
      );
    expect(rotated?.changes).toEqual({ secret: "rotated", overlap: "7d" });
  });

  it("is refused when no previous secret works any more, writing nothing", async () => {
    const c = await adminWithClient();
    const none = await endOAuthClientSecretOverlap(null, onPage({ id: c.id }));
    expect(none).toMatchObject({ ok: false, code: "conflict" });
    await rotate(c.id, "1h");
    await expireOverlap(c.id);
    const expired = await endOAuthClientSecretOverlap(null, onPage({ id: c.id }));
    expect(expired).toMatchObject({ ok: false, code: "conflict" });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.targetId, c.id), eq(auditEvents.event, "oauth_client.overlap_ended")),
      );
    expect(events).toHaveLength(0);
  });
});
