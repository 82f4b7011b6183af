import { describe, expect, it } from "vitest";
import { acceptInvitation, createAccountAndAccept } from "@/app/(auth)/invite/[token]/actions";
import { logIn } from "@/app/(auth)/login/actions";
import { completeSetup } from "@/app/(auth)/setup/actions";
import { countUsers } from "@/db/queries/users";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

// What a caller can send a server action instead of the form's FormData.
const junk: [string, unknown][] = [
  ["a JSON object with wrong types", { email: ["a@b.test"], password: { $gt: "" } }],
  ["an empty object", {}],
  ["null", null],
  ["undefined", undefined],
  ["a string", "email=a@b.test&password=x"],
  ["a number", 42],
  ["an array", [["email", "a@b.test"]]],
  ["an empty FormData", new FormData()],
];

type Action = (prev: null, input: never) => Promise<unknown>;

describe("junk input to sign-in and setup gets a validation result, never a crash", () => {
  for (const [name, action] of [
    ["logIn", logIn],
    ["completeSetup", completeSetup],
  ] as [string, Action][]) {
    it.each(junk)(`${name} with %s`, async (_, input) => {
      const result = await action(null, input as never);
      expect(result).toMatchObject({ ok: false, code: "invalid" });
      expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {})).toContain(
        "email",
      );
      expect(await countUsers()).toBe(0);
    });
  }
});

describe("junk input to the invitation's actions gets a validation result, never a crash", () => {
  for (const [name, action] of [
    ["acceptInvitation", acceptInvitation],
    ["createAccountAndAccept", createAccountAndAccept],
  ] as [string, Action][]) {
    it.each(junk)(`${name} with %s`, async (_, input) => {
      const result = await action(null, input as never);
      expect(result).toMatchObject({ ok: false, code: "invalid" });
      expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {})).toContain(
        "token",
      );
      expect(await countUsers()).toBe(0);
    });
  }
});
