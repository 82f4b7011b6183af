import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { acceptInvitation, createAccountAndAccept } from "@/app/(auth)/invite/[token]/actions";
import { inviteMember } from "@/app/(app)/settings/members/invitations/actions";
import { findMember } from "@/db/queries/memberships";
import { findUserByEmail } from "@/db/queries/users";
import { invitations } from "@/db/schema";
import { verifyPassword } from "@/lib/password";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople, createUser } from "../helpers/factories";
import { useOutbox } from "../helpers/outbox";
import { actAs, onPage } from "../helpers/session";
import { form } from "../invitations/support";

vi.mock("@/auth", async () => (await import("../helpers/auth-mock")).authMock);

const database = useTestDatabase();
const outbox = useOutbox();

describe("joining by invitation", () => {
  it("an admin of one organization cannot obtain a password for a member of another", async () => {
    const victimOrg = await createOrgWithPeople();
    const attacker = await createOrgWithPeople();
    const victim = victimOrg.member;
    actAs(attacker.admin, attacker.org.id);
    // The old "Add member" took a password; nothing does now, and extra fields are ignored.
    const result = await inviteMember(
      null,
      onPage({
        email: victim.email,
        role: "member",
        name: "Victim",
        password: "attacker-chosen-password",
      }),
    );
    expect(result).toEqual({
      ok: true,
      message: `Invitation sent to ${victim.email}.`,
      data: undefined,
    });
    // The link goes to the victim's mailbox only; the admin's answer carries nothing usable.
    const mail = await outbox.newMail();
    expect(mail.map((m) => m.to.toLowerCase())).toEqual([victim.email.toLowerCase()]);
    const stored = await findUserByEmail(victim.email);
    expect(stored?.passwordHash).toBe(victim.passwordHash);
    expect(await verifyPassword("attacker-chosen-password", stored!.passwordHash)).toBe(false);
    // Nobody is added without the invitee accepting, and the attacker cannot accept for them:
    // not by signing up with the link (the account exists) nor signed in as themselves.
    expect(await findMember(attacker.org.id, victim.id)).toBeUndefined();
    const token = /\/invite\/([\w-]{43})/.exec(mail[0]!.text)![1]!;
    actAs(null);
    expect(
      await createAccountAndAccept(
        null,
        form({ token, name: "Victim", password: "attacker-chosen-password" }),
      ),
    ).toMatchObject({ ok: false, code: "conflict" });
    actAs(attacker.admin);
    expect(await acceptInvitation(null, form({ token }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect((await findUserByEmail(victim.email))?.passwordHash).toBe(victim.passwordHash);
    expect(await findMember(attacker.org.id, victim.id)).toBeUndefined();
  });

  it("the invite answer is the same for known and unknown emails", async () => {
    const { org, admin } = await createOrgWithPeople();
    const rounds = 20;
    const known = await Promise.all(Array.from({ length: rounds }, () => createUser()));
    const unknown = known.map((_, i) => `nobody-${i}-${Date.now()}@example.test`);
    const answers = new Set<string>();
    const mails = new Set<string>();
    const timed = async (email: string) => {
      const started = performance.now();
      const result = await inviteMember(null, onPage({ email, role: "member" }));
      const ms = performance.now() - started;
      answers.add(JSON.stringify(result).replaceAll(email, "<email>"));
      const [mail] = await outbox.newMail();
      mails.add(
        `${mail!.subject}\n${mail!.text}`
          .replaceAll(email, "<email>")
          .replace(/\/invite\/[\w-]{43}/, "/invite/<token>")
          .replace(/expires on .*\./, "expires on <date>."),
      );
      return ms;
    };
    actAs(admin, org.id);
    // Paired rounds in alternating order, so that load on the machine and warm-up fall on both
    // kinds alike; the median of the per-round differences ignores the odd slow outlier.
    const differences: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const first = i % 2 ? unknown[i]! : known[i]!.email;
      const second = i % 2 ? known[i]!.email : unknown[i]!;
      const [a, b] = [await timed(first), await timed(second)];
      const [k, u] = i % 2 ? [b, a] : [a, b];
      differences.push(k - u);
      all.push(k, u);
    }
    expect([...answers]).toEqual([
      JSON.stringify({ ok: true, message: "Invitation sent to <email>.", data: undefined }),
    ]);
    expect(mails.size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [typical, gap] = [median(all), median(differences)];
    console.log(
      `invite: median ${typical.toFixed(1)} ms, median known − unknown ${gap.toFixed(1)} ms`,
    );
    // Both kinds run the same statements, so any gap is noise from a busy machine; work done for
    // one kind only, such as hashing a password, would show as a steady gap of its own size.
    expect(Math.abs(gap)).toBeLessThan(typical * 0.5 + 5);
    const rows = await database.db.select().from(invitations).where(eq(invitations.orgId, org.id));
    expect(rows).toHaveLength(rounds * 2);
  });
});
