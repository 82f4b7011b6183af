import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { signOutAction, switchOrganization } from "@/app/(app)/actions";
import type { Organization, User } from "@/db/schema";
import { PAGE_ORG_FIELD } from "@/lib/actions/page-org";
import { afterTasks } from "../helpers/after";
import { useTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { databaseFingerprint, findActions, type FoundAction } from "../helpers/org-actions";
import { actAs, testRequest } from "../helpers/session";

useTestDatabase();

let org: Organization;
let owner: User;
const { orgActions } = await findActions();

beforeAll(async () => {
  ({ org, owner } = await createOrgWithPeople());
});

afterEach(() => {
  testRequest.meta.fetchSite = null;
});

class Odd {
  name = "x";
}

// What a hand-made request can make React's action decoder hand to an action.
const junk: [string, () => unknown][] = [
  ["a string", () => "pageOrgId"],
  ["a huge string", () => "x".repeat(2_000_000)],
  ["an array", () => [org.id, { [PAGE_ORG_FIELD]: org.id }]],
  ["a number", () => 42],
  ["a boolean", () => true],
  ["null", () => null],
  ["undefined", () => undefined],
  ["a Date", () => new Date()],
  ["a Map", () => new Map([[PAGE_ORG_FIELD, org.id]])],
  ["a class instance", () => Object.assign(new Odd(), { [PAGE_ORG_FIELD]: org.id })],
  [
    "an object whose prototype carries the fields",
    () => Object.create({ [PAGE_ORG_FIELD]: org.id }),
  ],
  [
    "a huge field",
    () => ({ [PAGE_ORG_FIELD]: org.id, name: "x".repeat(2_000_000), query: "x".repeat(2_000_000) }),
  ],
  [
    "fields of the wrong type",
    () => ({
      [PAGE_ORG_FIELD]: org.id,
      name: { toString: null },
      apis: "all",
      query: 7,
      keyId: [],
      id: {},
      teamId: 1,
      userId: true,
    }),
  ],
];

describe.each(orgActions.map((a) => [`${a.file}: ${a.name}`, a] as [string, FoundAction]))(
  "%s",
  (_label, { action }) => {
    it("answers junk of every kind with a validation failure and changes nothing", async () => {
      actAs(owner, org.id);
      const before = await databaseFingerprint();
      const scheduled = afterTasks.length;
      for (const [kind, make] of junk) {
        const result = await action(null, make());
        expect(result, kind).toMatchObject({ ok: false, code: "invalid" });
      }
      expect(await databaseFingerprint()).toBe(before);
      expect(afterTasks.length).toBe(scheduled);
    });

    it("refuses a call another website sent, even without an Origin header", async () => {
      actAs(owner, org.id);
      testRequest.meta.fetchSite = "cross-site";
      const before = await databaseFingerprint();
      const scheduled = afterTasks.length;
      const result = await action(null, { [PAGE_ORG_FIELD]: org.id, name: "CSRF", query: "" });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
      expect(await databaseFingerprint()).toBe(before);
      expect(afterTasks.length).toBe(scheduled);
    });
  },
);

describe("the organization email export", () => {
  it("runs for the page's own site (same-origin) — the refusal above is about the site", async () => {
    const exportAuditLogs = orgActions.find((a) => a.name === "exportAuditLogs")!.action;
    actAs(owner, org.id);
    testRequest.meta.fetchSite = "same-origin";
    expect(await exportAuditLogs(null, { [PAGE_ORG_FIELD]: org.id, query: "" })).toMatchObject({
      ok: true,
    });
    afterTasks.length = 0;
  });
});

describe("switchOrganization", () => {
  it.each([...junk, ["an object", () => ({ id: org.id })] as [string, () => unknown]])(
    "answers %s as an unknown organization",
    async (_, make) => {
      actAs(owner, org.id);
      expect(await switchOrganization(make() as string)).toMatchObject({
        ok: false,
        code: "not_found",
      });
    },
  );

  it("refuses a switch another website asked for", async () => {
    actAs(owner, org.id);
    testRequest.meta.fetchSite = "cross-site";
    expect(await switchOrganization(org.id)).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("signOutAction", () => {
  it("does not sign anyone out for another website", async () => {
    actAs(owner, org.id);
    testRequest.meta.fetchSite = "cross-site";
    // Signing out needs Next's cookie store, which a test has none of: reaching it would throw.
    await expect(signOutAction()).resolves.toBeUndefined();
  });
});
