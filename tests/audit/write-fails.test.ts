import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { databaseFingerprint } from "../helpers/org-actions";
import { actAs, onPage } from "../helpers/session";
import {
  createApiKey,
  keyFor,
  regenerateApiKey,
  revokeApiKey,
  seenSecretId,
} from "../keys/support";

const database = useTestDatabase();

// A trigger that refuses every audit insert stands in for a failed audit write (a full disk, a
// lost connection, a bug in the event) at the last step of a change.
async function refuseAuditWrites() {
  await database.db.execute(sql`create or replace function test_refuse_audit() returns trigger
    language plpgsql as $$ begin raise exception 'audit insert refused by the test'; end $$`);
  await database.db.execute(sql`create trigger test_refuse_audit before insert on audit_events
    for each row execute function test_refuse_audit()`);
}

afterEach(async () => {
  await database.db.execute(sql`drop trigger if exists test_refuse_audit on audit_events`);
});

describe("a change whose audit event cannot be written", () => {
  it("is rolled back, and the caller is told why", async () => {
    const { org, admin } = await createOrgWithPeople();
    const { id } = await keyFor(admin, org);
    const secretId = await seenSecretId(id);
    await refuseAuditWrites();
    const before = await databaseFingerprint();
    actAs(admin, org.id);
    const attempts = [
      await createApiKey(null, onPage({ name: "Never", apis: ["data"] })),
      await regenerateApiKey(null, onPage({ keyId: id, secretId })),
      await revokeApiKey(null, onPage({ keyId: id })),
    ];
    for (const result of attempts) {
      expect(result).toMatchObject({
        ok: false,
        code: "not_recorded",
        message:
          "The change could not be recorded in the audit log, so it was not made. Please try again.",
      });
    }
    expect(await databaseFingerprint()).toEqual(before);
  });
});
