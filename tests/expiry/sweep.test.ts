import { and, eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle, type Executor } from "@/db/client";
import { findApiKey } from "@/db/queries/keys";
import { auditEvents, emailOutbox, oauthClients } from "@/db/schema";
import { verifyChain } from "@/lib/audit/verify";
import { setClock } from "@/lib/clock";
import { runExpirySweep } from "@/lib/expiry/sweep";
import { drainOutbox } from "@/lib/outbox/worker";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { useOutbox } from "../helpers/outbox";
import { actAs, onPage } from "../helpers/session";
import { keyFor, updateApiKey } from "../keys/support";
import { clientFor } from "./support";

const database = useTestDatabase();
const outbox = useOutbox();
const DAY = 24 * 3600_000;

afterEach(() => setClock(undefined));

/** Another app instance's connection (PostgreSQL); on the embedded database, the one handle. */
async function twoInstances(): Promise<[Executor, Executor, DbHandle | null]> {
  if (!database.url) return [database.db, database.db, null];
  const other = createDb({ url: database.url });
  return [database.db, other.db, other];
}

const eventsOf = (orgId: string, event: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.event, event)));

const remindersFor = (id: string) =>
  database.db
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, `expiry-reminder:%:${id}:%`));

describe("the expiry sweep", () => {
  it("archives expired keys and ends expired clients, audited as System, once", async () => {
    const t0 = new Date("2032-01-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member, admin } = await createOrgWithPeople();
    const expiring = await keyFor(member, org, { name: "Short-lived", expiry: "7d" });
    const lasting = await keyFor(member, org, { name: "Long-lived", expiry: "30d" });
    const forever = await keyFor(member, org, { name: "Forever" });
    const client = await clientFor(admin, org, { name: "Weekly client", expiry: "7d" });

    setClock(new Date(t0 + 7 * DAY - 1));
    expect(await runExpirySweep()).toMatchObject({ keysExpired: 0, clientsExpired: 0 });

    setClock(new Date(t0 + 7 * DAY));
    const [a, b, other] = await twoInstances();
    const results = await Promise.all([runExpirySweep(a), runExpirySweep(b)]);
    await other?.close();
    expect(results[0].keysExpired + results[1].keysExpired).toBe(1);
    expect(results[0].clientsExpired + results[1].clientsExpired).toBe(1);

    expect((await findApiKey(org.id, expiring.id))!).toMatchObject({ status: "archived" });
    expect((await findApiKey(org.id, lasting.id))!).toMatchObject({ status: "active" });
    expect((await findApiKey(org.id, forever.id))!).toMatchObject({ status: "active" });
    const [ended] = await database.db
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.id, client.id));
    expect(ended!.revokedAt?.getTime()).toBe(t0 + 7 * DAY);

    const keyEvents = await eventsOf(org.id, "api_key.expired");
    expect(keyEvents).toHaveLength(1);
    expect(keyEvents[0]).toMatchObject({
      action: "delete",
      actorType: "system",
      actorId: null,
      targetId: expiring.id,
      targetName: "Short-lived",
      changes: {
        status: { from: "active", to: "archived" },
        expiresAt: new Date(t0 + 7 * DAY).toISOString(),
      },
      description: "API key Short-lived expired",
    });
    const clientEvents = await eventsOf(org.id, "oauth_client.expired");
    expect(clientEvents).toHaveLength(1);
    expect(clientEvents[0]).toMatchObject({
      action: "delete",
      actorType: "system",
      targetId: client.id,
      description: "OAuth client Weekly client expired",
    });

    // Nothing left for the next sweep.
    setClock(new Date(t0 + 8 * DAY));
    expect(await runExpirySweep()).toMatchObject({ keysExpired: 0, clientsExpired: 0 });
    expect(await eventsOf(org.id, "api_key.expired")).toHaveLength(1);
    expect((await verifyChain(org.id)).intact).toBe(true);
  });

  it("reminds a key's creator 7 days and 1 day before, each exactly once across two workers", async () => {
    const t0 = new Date("2032-02-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member } = await createOrgWithPeople();
    const { id } = await keyFor(member, org, { name: "Nightly export", expiry: "30d" });
    const expiresAt = t0 + 30 * DAY;
    const [a, b, other] = await twoInstances();
    const sweepAndSend = async () => {
      await Promise.all([runExpirySweep(a), runExpirySweep(b)]);
      await Promise.all([drainOutbox({}, a), drainOutbox({}, b)]);
      return (await outbox.written()).filter((m) => m.to === member.email);
    };
    try {
      // More than 7 days before: nothing.
      setClock(new Date(expiresAt - 7 * DAY - 1));
      expect(await sweepAndSend()).toHaveLength(0);

      setClock(new Date(expiresAt - 7 * DAY + 60_000));
      const week = await sweepAndSend();
      expect(week).toHaveLength(1);
      expect(week[0]!.subject).toBe("Your API key Nightly export expires in 7 days");
      expect(week[0]!.text).toContain(new Date(expiresAt).toUTCString());
      expect(week[0]!.text).toContain(org.name);

      // Later sweeps in the same window send nothing more.
      setClock(new Date(expiresAt - 3 * DAY));
      expect(await sweepAndSend()).toHaveLength(0);

      setClock(new Date(expiresAt - DAY + 60_000));
      const day = await sweepAndSend();
      expect(day).toHaveLength(1);
      expect(day[0]!.subject).toBe("Your API key Nightly export expires in 1 day");
      setClock(new Date(expiresAt - 60_000));
      expect(await sweepAndSend()).toHaveLength(0);

      expect(await remindersFor(id)).toHaveLength(2);
    } finally {
      await other?.close();
    }
  });

  it("reminds the organization's owners and admins of an expiring client, not its members", async () => {
    const t0 = new Date("2032-03-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, owner, admin, member } = await createOrgWithPeople();
    const client = await clientFor(admin, org, { name: "Partner feed", expiry: "7d" });
    setClock(new Date(t0 + 60_000));
    await runExpirySweep();
    await runExpirySweep();
    await drainOutbox();
    const mail = await outbox.written();
    const to = (email: string) => mail.filter((m) => m.to === email);
    expect(to(owner.email)).toHaveLength(1);
    expect(to(admin.email)).toHaveLength(1);
    expect(to(member.email)).toHaveLength(0);
    expect(to(owner.email)[0]!.subject).toBe("OAuth client Partner feed expires in 7 days");
    expect(await remindersFor(client.id)).toHaveLength(2);
  });

  it("gives a changed expiry its own reminders", async () => {
    const t0 = new Date("2032-04-01T00:00:00.000Z").getTime();
    setClock(new Date(t0));
    const { org, member } = await createOrgWithPeople();
    const { id } = await keyFor(member, org, { name: "Moved", expiry: "7d" });
    await runExpirySweep();
    expect(await remindersFor(id)).toHaveLength(1);
    // A minute later the key is set to expire 7 days from then: a new date, a new reminder.
    setClock(new Date(t0 + 60_000));
    actAs(member, org.id);
    expect(
      await updateApiKey(null, onPage({ keyId: id, name: "Moved", apis: ["data"], expiry: "7d" })),
    ).toMatchObject({ ok: true });
    await runExpirySweep();
    expect(await remindersFor(id)).toHaveLength(2);
  });
});
