import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Organization, User } from "@/db/schema";
import { PAGE_ORG_FIELD } from "@/lib/actions/page-org";
import { afterTasks } from "../helpers/after";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { databaseFingerprint, findActions } from "../helpers/org-actions";
import { actAs, testRequest } from "../helpers/session";

useTestDatabase();

let org: Organization;
let owner: User;
const { orgActions, otherActions } = await findActions();
const every = [...orgActions, ...otherActions];

beforeAll(async () => {
  ({ org, owner } = await createOrgWithPeople());
});

afterEach(() => {
  testRequest.meta.fetchSite = null;
});

// A form another website could post: plausible fields of every action, the page's organization
// included, so that only the Fetch Metadata header can be what stops it.
function hostileForm() {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    [PAGE_ORG_FIELD]: org.id,
    email: "attacker@example.test",
    password: "attacker-chosen-password",
    name: "Attacker",
    organization: "Attacker Inc",
    role: "owner",
    query: "",
  })) {
    form.set(name, value);
  }
  return form;
}

describe("a call another website sends (Sec-Fetch-Site: cross-site, no Origin)", () => {
  it("finds the actions of sign-in, setup, invitations, accounts and organizations", () => {
    const names = otherActions.map((a) => a.name);
    for (const name of [
      "logIn",
      "completeSetup",
      "acceptInvitation",
      "createAccountAndAccept",
      "changePassword",
      "signOutEverywhere",
      "createOrganization",
      "switchOrganization",
      "signOutAction",
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(every.map((a) => [`${a.file}: ${a.name}`, a] as const))(
    "%s is refused and changes nothing",
    async (_, { action }) => {
      actAs(owner, org.id);
      testRequest.pageOrgId = org.id;
      testRequest.meta.fetchSite = "cross-site";
      const before = await databaseFingerprint();
      const call = action as (...args: unknown[]) => Promise<unknown>;
      // Each action is called the way a form post reaches it: (previous state, form data), or
      // the form data alone for the ones bound straight to a form.
      const result = await (call.length === 1 ? call(hostileForm()) : call(null, hostileForm()));
      if (result !== undefined) {
        expect(result).toMatchObject({ ok: false, code: "forbidden" });
      }
      expect(afterTasks).toHaveLength(0);
      expect(await databaseFingerprint()).toBe(before);
    },
  );
});
