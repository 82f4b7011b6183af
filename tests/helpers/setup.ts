import { vi } from "vitest";
import { resetEnv } from "@/lib/env";
import { afterTasks } from "./after";
import { testRequest } from "./session";

// Server actions read the session and request headers through this module; tests choose the
// caller with actAs() while everything below it (authorization, queries, database) is real.
vi.mock("@/lib/auth/request-context", () => ({
  ORG_COOKIE: "lk_org",
  currentSession: async () => testRequest.session,
  requestMeta: async () => testRequest.meta,
  requestOrigin: async () => testRequest.origin,
  setPreferredOrg: async (orgId: string) => {
    if (testRequest.session) testRequest.session.preferredOrgId = orgId;
  },
}));

// Cache revalidation needs a Next request scope; it has no effect on the behaviour under test.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

// after() needs a Next request scope too; tests keep what was scheduled and run it when they
// choose, which also shows that the action answered before that work was done.
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: Promise<unknown> | (() => unknown)) => {
    afterTasks.push(task);
  },
}));

// The server parses its environment once (lib/env.ts); tests change variables between steps, so
// every change here drops the parsed copy.
process.env = new Proxy(process.env, {
  set(target, name, value) {
    const done = Reflect.set(target, name, value);
    resetEnv();
    return done;
  },
  deleteProperty(target, name) {
    const done = Reflect.deleteProperty(target, name);
    resetEnv();
    return done;
  },
});
