import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { acceptInvitation } from "@/app/(auth)/invite/[token]/actions";
import { removeMember } from "@/app/(app)/settings/members/actions";
import { findMember, insertMembership } from "@/db/queries/memberships";
import { apiKeys } from "@/db/schema";
import { verifyRequest } from "@/lib/api/verify";
import { importLegacyKeys } from "@/lib/keys/legacy-import";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createUser } from "../helpers/factories";
import { useOutbox } from "../helpers/outbox";
import { actAs, onPage } from "../helpers/session";
import { form, invite } from "../invitations/support";
import { keyFor } from "../keys/support";

vi.mock("@/auth", async () => (await import("../helpers/auth-mock")).authMock);

const database = useTestDatabase();
const outbox = useOutbox();

/** The verification path every public route and MCP use. */
const verifies = async (key: string) =>
  (
    await verifyRequest(
      new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${key}` } }),
    )
  ).ok;

async function rejoin(
  admin: { id: string },
  org: { id: string },
  person: { id: string; email: string },
) {
  const token = await invite(outbox, admin, org, person.email);
  actAs(person);
  await expect(acceptInvitation(null, form({ token }))).rejects.toMatchObject({
    digest: expect.stringMatching(/^NEXT_REDIRECT/),
  });
  expect(await findMember(org.id, person.id)).toBeDefined();
}

describe("removing a member revokes their API keys", () => {
  it("remove → keys refused → re-invited and accepted → the old keys are still refused", async () => {
    const { org, admin, member } = await createOrgWithPeople();
    const { key } = await keyFor(member, org, { name: "Member's CI" });
    const other = await keyFor(admin, org, { name: "Admin's" });
    expect(await verifies(key)).toBe(true);

    actAs(admin, org.id);
    expect(await removeMember(null, onPage({ userId: member.id }))).toMatchObject({ ok: true });
    expect(await verifies(key)).toBe(false);
    expect(await verifies(other.key)).toBe(true);

    await rejoin(admin, org, member);
    expect(await verifies(key)).toBe(false);
    const [row] = await database.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.orgId, org.id), eq(apiKeys.createdBy, member.id)));
    expect(row?.status).toBe("archived");
    // A key they create after coming back works as usual. Removal from their only organization
    // ended their sessions, so they act through a session from a new sign-in.
    const signedInAgain = { id: member.id, sessionVersion: member.sessionVersion + 1 };
    expect(await verifies((await keyFor(signedInAgain, org)).key)).toBe(true);
  });

  it("keys the person created in another organization are not touched", async () => {
    const a = await createOrgWithPeople();
    const b = await createOrgWithPeople();
    const person = await createUser({ org: a.org, role: "member" });
    await insertMembership(database.db, b.org.id, person.id, "member");
    const inA = await keyFor(person, a.org);
    const inB = await keyFor(person, b.org);
    actAs(a.admin, a.org.id);
    expect(await removeMember(null, onPage({ userId: person.id }))).toMatchObject({ ok: true });
    expect(await verifies(inA.key)).toBe(false);
    expect(await verifies(inB.key)).toBe(true);
  });

  it("legacy keys of a removed owner are archived too, so no re-invite revives them", async () => {
    const { org, owner } = await createOrgWithPeople();
    const second = await createUser({ org, role: "owner" });
    const legacyKey = "legacy-key-of-the-first-owner-0123";
    expect(
      await importLegacyKeys(
        database.db,
        JSON.stringify({ org: org.slug, name: "Old CRM", key: legacyKey }),
      ),
    ).toMatchObject({ imported: 1 });
    expect(await verifies(legacyKey)).toBe(true);
    actAs(second, org.id);
    expect(await removeMember(null, onPage({ userId: owner.id }))).toMatchObject({ ok: true });
    await rejoin(second, org, owner);
    expect(await verifies(legacyKey)).toBe(false);
  });
});
