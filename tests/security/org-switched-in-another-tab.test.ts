import { beforeAll, describe, expect, it } from "vitest";
import type { Organization, User } from "@/db/schema";
import { PAGE_ORG_FIELD } from "@/lib/actions/page-org";
import { afterTasks } from "../helpers/after";
import { useTestDatabase } from "../helpers/db";
import { createOrg, createUser } from "../helpers/factories";
import { databaseFingerprint, findActions, type FoundAction } from "../helpers/org-actions";
import { actAs } from "../helpers/session";
import { insertMembership } from "@/db/queries/memberships";
import { getDb } from "@/db/client";

useTestDatabase();

let acme: Organization;
let globex: Organization;
let owner: User;
const { orgActions, unwrapped } = await findActions();

beforeAll(async () => {
  acme = await createOrg({ name: "Acme" });
  globex = await createOrg({ name: "Globex" });
  // Owner of both, so no role check can be what stops the call.
  owner = await createUser({ org: acme, role: "owner" });
  await insertMembership(getDb(), globex.id, owner.id, "owner");
});

describe("the list of actions", () => {
  it("finds every action of the app, and each one is an organization action", () => {
    const names = orgActions.map((a) => a.name);
    for (const known of ["createApiKey", "createOAuthClient", "createTeam", "exportAuditLogs"]) {
      expect(names).toContain(known);
    }
    expect(unwrapped).toEqual([]);
  });
});

async function expectRefusedWithoutChange(
  call: () => Promise<{ ok: boolean; code?: string; message?: string }>,
) {
  const before = await databaseFingerprint();
  const scheduled = afterTasks.length;
  const result = await call();
  expect(await databaseFingerprint()).toBe(before);
  expect(afterTasks.length).toBe(scheduled);
  return result;
}

describe.each(orgActions.map((a) => [`${a.file}: ${a.name}`, a] as [string, FoundAction]))(
  "%s",
  (_label, { action }) => {
    it("refuses a call that does not say which organization's page it comes from", async () => {
      actAs(owner, acme.id);
      const form = new FormData();
      form.set("name", "Anything");
      for (const input of [{}, { name: "Anything" }, form, { [PAGE_ORG_FIELD]: "not-a-uuid" }]) {
        const result = await expectRefusedWithoutChange(() => action(null, input));
        expect(result).toMatchObject({ ok: false, code: "invalid" });
        expect(result.message).toMatch(/Reload the page/);
      }
    });

    it("refuses a page of Globex once the caller has switched to Acme in another tab", async () => {
      actAs(owner, acme.id);
      const form = new FormData();
      form.set(PAGE_ORG_FIELD, globex.id);
      for (const input of [{ [PAGE_ORG_FIELD]: globex.id }, form]) {
        const result = await expectRefusedWithoutChange(() => action(null, input));
        expect(result).toEqual({
          ok: false,
          code: "conflict",
          message:
            "This page belongs to Globex, but you have since switched to Acme. Reload the page to continue.",
        });
      }
    });

    it("does not name an organization the caller does not belong to", async () => {
      const stranger = await createOrg({ name: "Initech" });
      actAs(owner, acme.id);
      const result = await expectRefusedWithoutChange(() =>
        action(null, { [PAGE_ORG_FIELD]: stranger.id }),
      );
      expect(result).toMatchObject({ ok: false, code: "conflict" });
      expect(result.message).not.toContain("Initech");
    });

    it("goes on to the input's own checks when the page's organization is the current one", async () => {
      actAs(owner, acme.id);
      const result = await action(null, { [PAGE_ORG_FIELD]: acme.id, unexpected: [1] });
      expect(result).not.toMatchObject({ code: "conflict" });
      expect((result as { message?: string }).message ?? "").not.toMatch(/Reload the page/);
    });
  },
);
