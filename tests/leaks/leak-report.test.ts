import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rotateOAuthClientSecret } from "@/app/(app)/admin/api-management/actions";
import { apiKeys, auditEvents, oauthClients } from "@/db/schema";
import { importLegacyKeys } from "@/lib/keys/legacy-import";
import { generateClientSecret, generateKey } from "@/lib/secrets/prefixed";
import { useTestDatabase } from "../helpers/db";
import { machine } from "../helpers/machine";
import { createOrgWithPeople } from "../helpers/factories";
import { useOutbox } from "../helpers/outbox";
import { actAs, onPage } from "../helpers/session";
import { call, keyFor, regenerateApiKey, seenSecretId } from "../keys/support";
import { basic, createClient, form, post, tokenFor } from "../oauth/helpers";

const database = useTestDatabase();
const outbox = useOutbox();

const pair = () => generateKeyPairSync("ec", { namedCurve: "P-256" });
const scanner = pair();
const stranger = pair();
const pem = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString();
const KEY_ID = "scanner-2026";

beforeAll(() => {
  process.env.LEAK_REPORT_PUBLIC_KEYS = JSON.stringify({ [KEY_ID]: pem(scanner.publicKey) });
});
afterAll(() => {
  delete process.env.LEAK_REPORT_PUBLIC_KEYS;
});
afterEach(async () => {
  // Each test reads only its own mail.
  await outbox.newMail();
});

type Entry = { token: string; type?: string; url?: string; source?: string };

const signature = (body: string, key: KeyObject = scanner.privateKey) =>
  sign("sha256", Buffer.from(body), { key, dsaEncoding: "der" }).toString("base64");

async function report(
  body: Entry[] | string,
  opts: { headers?: Record<string, string>; signWith?: KeyObject; keyId?: string } = {},
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers = opts.headers ?? {
    "leak-report-key-identifier": opts.keyId ?? KEY_ID,
    "leak-report-signature": signature(raw, opts.signWith),
  };
  const response = await machine(
    new Request("http://localhost/api/security/leaks", {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "scanner/1", ...headers },
      body: raw,
    }),
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const leakedAt = (token: string, type = "latchkey_api_key") => ({
  token,
  type,
  url: "https://github.com/octo/app/blob/abc123/.env",
  source: "content",
});

const eventsOf = (orgId: string, events: string[]) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), inArray(auditEvents.event, events)));

const keyStatus = async (id: string) =>
  (await database.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]?.status;

describe("a signed leak report", () => {
  it("revokes a live API key at once, audits it as leaked and emails the key's creator", async () => {
    const { org, admin, owner } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org, { name: "CI deploy" });
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(200);

    const res = await report([leakedAt(key)]);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual([
      { token_raw: key, token_type: "latchkey_api_key", label: "true_positive" },
    ]);

    expect((await call(machine, "/api/v1/me", { key })).status).toBe(401);
    expect(await keyStatus(id)).toBe("archived");
    const events = await eventsOf(org.id, ["api_key.leaked", "api_key.revoked"]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "api_key.leaked",
      action: "delete",
      actorType: "system",
      actorName: `leak report (key ${KEY_ID})`,
      targetType: "api_key",
      targetId: id,
      targetName: "CI deploy",
      userAgent: "scanner/1",
      changes: {
        status: { from: "active", to: "archived" },
        reason: "leaked",
        leak: {
          url: "https://github.com/octo/app/blob/abc123/.env",
          source: "content",
          type: "latchkey_api_key",
        },
      },
    });
    // The key itself is in no event.
    expect(JSON.stringify(events)).not.toContain(key);

    const mail = await outbox.newMail();
    expect(mail.map((m) => m.to)).toEqual([admin.email]);
    expect(mail.map((m) => m.to)).not.toContain(owner.email);
    expect(mail[0]!.subject).toBe(
      'Your API key "CI deploy" was found in public and has been revoked',
    );
    expect(mail[0]!.text).toContain("https://github.com/octo/app/blob/abc123/.env");
    expect(mail[0]!.text).toContain(`lk_live_••••••••${key.slice(-4)}`);
    expect(mail[0]!.text).not.toContain(key);
  });

  it("revokes a client whose secret leaked, ends its tokens and emails the organization's admins", async () => {
    const { org, owner, admin, member } = await createOrgWithPeople();
    const c = await createClient(org, admin, { name: "Billing sync" });
    const token = await tokenFor(c);
    expect((await call(machine, "/api/v1/me", { key: token })).status).toBe(200);

    const res = await report([leakedAt(c.secret, "latchkey_oauth_client_secret")]);
    expect(res.body).toEqual([
      {
        token_raw: c.secret,
        token_type: "latchkey_oauth_client_secret",
        label: "true_positive",
      },
    ]);

    // The access token issued before the leak stops working, and no new one can be had.
    expect((await call(machine, "/api/v1/me", { key: token })).status).toBe(401);
    const again = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, c.secret),
    });
    expect(again.status).toBe(401);
    const [row] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, c.id));
    expect(row?.revokedAt).toBeInstanceOf(Date);

    const events = await eventsOf(org.id, ["oauth_client.leaked", "oauth_client.revoked"]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "oauth_client.leaked",
      action: "delete",
      targetId: c.id,
      targetName: "Billing sync",
      changes: {
        reason: "leaked",
        leak: { url: "https://github.com/octo/app/blob/abc123/.env", source: "content" },
      },
    });

    const mail = await outbox.newMail();
    expect(mail.map((m) => m.to).sort()).toEqual([owner.email, admin.email].sort());
    expect(mail.map((m) => m.to)).not.toContain(member.email);
    expect(mail[0]!.text).toContain(c.clientId);
    expect(mail[0]!.text).not.toContain(c.secret);
  });

  it("revokes a client whose previous secret leaked while an overlap rotation keeps it working", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin, { name: "Overlapping" });
    actAs(admin, org.id);
    const rotated = await rotateOAuthClientSecret(null, onPage({ id: c.id, overlap: "1h" }));
    expect(rotated.ok).toBe(true);
    if (!rotated.ok) return;
    const res = await report([leakedAt(c.secret, "latchkey_oauth_client_secret")]);
    expect(res.body[0]).toMatchObject({ label: "true_positive" });
    const newer = await post("/api/oauth/token", form({ grant_type: "client_credentials" }), {
      authorization: basic(c.clientId, rotated.data.clientSecret),
    });
    expect(newer.status).toBe(401);
    expect(await eventsOf(org.id, ["oauth_client.leaked"])).toHaveLength(1);
  });

  it("labels a previous secret false_positive once its overlap has ended", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin, { name: "Overlap over" });
    actAs(admin, org.id);
    expect((await rotateOAuthClientSecret(null, onPage({ id: c.id, overlap: "1h" }))).ok).toBe(
      true,
    );
    await database.db
      .update(oauthClients)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthClients.id, c.id));
    const res = await report([leakedAt(c.secret, "latchkey_oauth_client_secret")]);
    expect(res.body[0]).toMatchObject({ label: "false_positive" });
    const [row] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, c.id));
    expect(row?.revokedAt).toBeNull();
  });

  it("revokes a leaked legacy key, which the dashboard itself cannot revoke", async () => {
    const { org } = await createOrgWithPeople();
    const legacy = "legacy-crm-key-0123456789abcdefXYZ";
    await importLegacyKeys(
      database.db,
      JSON.stringify({ org: org.slug, name: "Old CRM", key: legacy }),
    );
    expect((await call(machine, "/api/v1/me", { key: legacy })).status).toBe(200);
    const res = await report([leakedAt(legacy, "latchkey_legacy_key")]);
    expect(res.body[0].label).toBe("true_positive");
    expect((await call(machine, "/api/v1/me", { key: legacy })).status).toBe(401);
    expect(await eventsOf(org.id, ["api_key.leaked"])).toHaveLength(1);
  });

  it("labels unknown, malformed and already dead tokens false_positive and changes nothing", async () => {
    const { org, admin } = await createOrgWithPeople();
    const live = await keyFor(admin, org, { name: "Live" });
    // A key regenerated since: the old secret is dead, the key lives on with its new secret.
    const rolled = await keyFor(admin, org, { name: "Rolled" });
    actAs(admin, org.id);
    const regenerated = await regenerateApiKey(
      null,
      onPage({ keyId: rolled.id, secretId: await seenSecretId(rolled.id) }),
    );
    if (!regenerated.ok) throw new Error("regenerate failed");

    const res = await report([
      leakedAt(generateKey()),
      leakedAt(`${live.key.slice(0, -1)}${live.key.endsWith("A") ? "B" : "A"}`),
      leakedAt(generateClientSecret()),
      leakedAt(rolled.key),
      leakedAt("short"),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.map((f: { label: string }) => f.label)).toEqual(
      Array(5).fill("false_positive"),
    );
    expect(await keyStatus(live.id)).toBe("active");
    expect(await keyStatus(rolled.id)).toBe("active");
    expect(
      (await call(machine, "/api/v1/me", { key: (regenerated.data as { key: string }).key }))
        .status,
    ).toBe(200);
    expect(await eventsOf(org.id, ["api_key.leaked", "api_key.revoked"])).toHaveLength(0);
    expect(await outbox.newMail()).toEqual([]);
  });

  it("replayed, it is harmless: the same answer's tokens are now false_positive, nothing new", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { key } = await keyFor(admin, org);
    const c = await createClient(org, admin);
    const body = JSON.stringify([leakedAt(key), leakedAt(key), leakedAt(c.secret)]);
    const first = await report(body);
    expect(first.body.map((f: { label: string }) => f.label)).toEqual([
      "true_positive",
      "true_positive",
      "true_positive",
    ]);
    const mailAfterFirst = await outbox.newMail();
    // One notice for the key (reported twice in the report), one per admin for the client.
    expect(mailAfterFirst).toHaveLength(3);

    const replay = await report(body);
    expect(replay.status).toBe(200);
    expect(replay.body.map((f: { label: string }) => f.label)).toEqual([
      "false_positive",
      "false_positive",
      "false_positive",
    ]);
    expect(await eventsOf(org.id, ["api_key.leaked", "oauth_client.leaked"])).toHaveLength(2);
    expect(await outbox.newMail()).toEqual([]);
  });
});

describe("a report without a valid signature", () => {
  it("gets 401 and changes nothing, whatever is wrong with the signature", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    const c = await createClient(org, admin);
    const body = JSON.stringify([leakedAt(key), leakedAt(c.secret)]);
    const tampered = JSON.stringify([leakedAt(key), leakedAt(c.secret), leakedAt(generateKey())]);

    const attempts = [
      // no headers at all
      report(body, { headers: {} }),
      // signed by a key that is not configured, under the configured key's id
      report(body, { signWith: stranger.privateKey }),
      // a genuine signature of another body
      report(body, {
        headers: {
          "leak-report-key-identifier": KEY_ID,
          "leak-report-signature": signature(tampered),
        },
      }),
      // a key id nobody configured
      report(body, { keyId: "unknown-key" }),
      // not base64 at all
      report(body, {
        headers: { "leak-report-key-identifier": KEY_ID, "leak-report-signature": "%%%" },
      }),
      // a signature but no key id
      report(body, { headers: { "leak-report-signature": signature(body) } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(res.body.error).toBe("invalid_signature");
    }
    expect(await keyStatus(id)).toBe("active");
    expect((await call(machine, "/api/v1/me", { key })).status).toBe(200);
    const [client] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, c.id));
    expect(client?.revokedAt).toBeNull();
    expect(await eventsOf(org.id, ["api_key.leaked", "oauth_client.leaked"])).toHaveLength(0);
    expect(await outbox.newMail()).toEqual([]);
  });

  it("gets 401 when no public key is configured at all", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    const saved = process.env.LEAK_REPORT_PUBLIC_KEYS;
    delete process.env.LEAK_REPORT_PUBLIC_KEYS;
    try {
      expect((await report([leakedAt(key)])).status).toBe(401);
    } finally {
      process.env.LEAK_REPORT_PUBLIC_KEYS = saved;
    }
    expect(await keyStatus(id)).toBe("active");
  });
});

describe("the report's format", () => {
  it("accepts GitHub's header names and GitHub's public key document from a file", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id, key } = await keyFor(admin, org);
    const dir = await mkdtemp(path.join(tmpdir(), "lk-leak-keys-"));
    const file = path.join(dir, "secret_scanning.json");
    await writeFile(
      file,
      JSON.stringify({
        public_keys: [
          { key_identifier: "gh-key-1", key: pem(stranger.publicKey), is_current: true },
        ],
      }),
    );
    const saved = process.env.LEAK_REPORT_PUBLIC_KEYS;
    delete process.env.LEAK_REPORT_PUBLIC_KEYS;
    process.env.LEAK_REPORT_PUBLIC_KEYS_FILE = file;
    try {
      const body = JSON.stringify([leakedAt(key)]);
      const res = await report(body, {
        headers: {
          "Github-Public-Key-Identifier": "gh-key-1",
          "Github-Public-Key-Signature": signature(body, stranger.privateKey),
        },
      });
      expect(res.status).toBe(200);
      expect(res.body[0].label).toBe("true_positive");
      expect(await keyStatus(id)).toBe("archived");
    } finally {
      process.env.LEAK_REPORT_PUBLIC_KEYS = saved;
      delete process.env.LEAK_REPORT_PUBLIC_KEYS_FILE;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a signed body that is not JSON, not a report, or too large", async () => {
    const notJson = await report("[{ token: ");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toBe("invalid_request");

    const notReport = await report(JSON.stringify([{ url: "https://example.test" }]));
    expect(notReport.status).toBe(400);
    expect(notReport.body.error_description).toContain("0.token");

    const notArray = await report(JSON.stringify({ token: "x" }));
    expect(notArray.status).toBe(400);

    const huge = JSON.stringify([{ token: "x".repeat(300 * 1024), type: "t" }]);
    expect((await report(huge)).status).toBe(413);
  });

  it("is served by the machine door, which answers any other method with 405 and Allow: POST", async () => {
    const response = await machine(new Request("http://localhost/api/security/leaks"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect((await response.json()).error).toBe("method_not_allowed");
  });
});
