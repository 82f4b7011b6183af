import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb, getHandle, setHandle } from "@/db/client";
import {
  ACCOUNT_IP_FAILURE_LIMIT,
  FAILURE_WINDOW_SECONDS,
  IP_FAILURE_LIMIT,
  throttledMessage,
} from "@/lib/auth/sign-in-throttle";
import { useTestDatabase } from "../helpers/db";
import { createUser, TEST_PASSWORD } from "../helpers/factories";
import { attempt, outcome } from "./sign-in-support";

// Counts argon2 verifications, to show that a throttled attempt never reaches the password check.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

const database = useTestDatabase();

// Counters live in fixed windows aligned on the epoch; a frozen clock 11 minutes into one keeps
// every test inside it and makes the announced wait exact (4 minutes).
const WINDOW_MS = FAILURE_WINDOW_SECONDS * 1000;
const windowStart = Math.floor(Date.UTC(2031, 0, 6, 9) / WINDOW_MS) * WINDOW_MS;
const ELEVEN_MINUTES_IN = windowStart + 11 * 60_000;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
beforeEach(() => {
  vi.setSystemTime(ELEVEN_MINUTES_IN);
});
afterAll(() => {
  vi.useRealTimers();
});

const wrong = "not the password";

async function failTimes(n: number, email: string, ip: string) {
  const results: string[] = [];
  for (let i = 0; i < n; i++) results.push(await outcome(attempt(email, wrong, ip)));
  return results;
}

describe("failed sign-ins are throttled per (account, IP) and per IP", () => {
  it("an attacker's failures from one address do not stop the owner signing in from another", async () => {
    const owner = await createUser();
    await failTimes(ACCOUNT_IP_FAILURE_LIMIT + 3, owner.email, "198.51.100.66");
    expect(await outcome(attempt(owner.email, TEST_PASSWORD, "198.51.100.66"))).toBe(
      "throttled 240s",
    );
    expect(await outcome(attempt(owner.email, TEST_PASSWORD, "192.0.2.10"))).toBe("signed in");
  });

  it("a throttled (account, IP) is told how long to wait and its password is not even checked", async () => {
    const user = await createUser();
    const ip = "198.51.100.7";
    expect(await failTimes(ACCOUNT_IP_FAILURE_LIMIT, user.email, ip)).toEqual([
      ...Array<string>(ACCOUNT_IP_FAILURE_LIMIT - 1).fill("refused"),
      // The failure that uses up the budget already says so.
      "throttled 240s",
    ]);
    vi.mocked(verify).mockClear();
    expect(await outcome(attempt(user.email, TEST_PASSWORD, ip))).toBe("throttled 240s");
    expect(await outcome(attempt(user.email.toUpperCase(), wrong, ip))).toBe("throttled 240s");
    expect(verify).not.toHaveBeenCalled();
    expect(throttledMessage(240)).toBe("Too many failed attempts. Try again in 4 minutes.");
    expect(throttledMessage(61)).toBe("Too many failed attempts. Try again in 2 minutes.");
    expect(throttledMessage(12)).toBe("Too many failed attempts. Try again in 1 minute.");

    // The wait is the rest of the window: once it is over, the right password works again.
    vi.setSystemTime(windowStart + WINDOW_MS + 1_000);
    expect(await outcome(attempt(user.email, TEST_PASSWORD, ip))).toBe("signed in");
  });

  it("one address has a budget across many accounts, which other addresses do not share", async () => {
    const sprayer = "203.0.113.99";
    const perAccount = ACCOUNT_IP_FAILURE_LIMIT - 1;
    const spray = (i: number) =>
      outcome(attempt(`sprayed-${Math.floor(i / perAccount)}@example.test`, wrong, sprayer));
    const results: string[] = [];
    for (let i = 0; i < IP_FAILURE_LIMIT - 1; i++) results.push(await spray(i));
    expect(results.every((r) => r === "refused")).toBe(true);

    // People behind the same address (an office's NAT) who sign in correctly use none of it.
    const colleagues = await Promise.all([createUser(), createUser()]);
    for (const person of [...colleagues, ...colleagues]) {
      expect(await outcome(attempt(person.email, TEST_PASSWORD, sprayer))).toBe("signed in");
    }

    expect(await spray(IP_FAILURE_LIMIT)).toBe("throttled 240s");
    const bystander = await createUser();
    expect(await outcome(attempt(bystander.email, TEST_PASSWORD, sprayer))).toBe("throttled 240s");
    expect(await outcome(attempt(bystander.email, TEST_PASSWORD, "203.0.113.100"))).toBe(
      "signed in",
    );
  });

  it("a burst of simultaneous guesses gets no more password checks than the limit", async () => {
    const user = await createUser();
    vi.mocked(verify).mockClear();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => outcome(attempt(user.email, wrong, "192.0.2.77"))),
    );
    expect(vi.mocked(verify).mock.calls.length).toBeLessThanOrEqual(ACCOUNT_IP_FAILURE_LIMIT);
    expect(results).not.toContain("signed in");
    expect(await outcome(attempt(user.email, TEST_PASSWORD, "192.0.2.77"))).toBe("throttled 240s");
  });

  it("a successful sign-in clears that address's failures for the account", async () => {
    const user = await createUser();
    const ip = "192.0.2.55";
    await failTimes(ACCOUNT_IP_FAILURE_LIMIT - 1, user.email, ip);
    expect(await outcome(attempt(user.email, TEST_PASSWORD, ip))).toBe("signed in");
    expect(await failTimes(ACCOUNT_IP_FAILURE_LIMIT, user.email, ip)).toEqual([
      ...Array<string>(ACCOUNT_IP_FAILURE_LIMIT - 1).fill("refused"),
      "throttled 240s",
    ]);
  });

  it("every app instance sees the same counters", async () => {
    const user = await createUser();
    const ip = "198.51.100.150";
    await failTimes(ACCOUNT_IP_FAILURE_LIMIT - 1, user.email, ip);

    // A second instance: its own copy of the modules and, on PostgreSQL, its own connection pool.
    const first = getHandle();
    const second = database.url ? createDb({ url: database.url }) : first;
    vi.resetModules();
    setHandle(second);
    try {
      const other = await import("@/lib/auth/credentials");
      expect(await outcome(attempt(user.email, wrong, ip, other.authorizeCredentials))).toBe(
        "throttled 240s",
      );
    } finally {
      setHandle(first);
      if (second !== first) await second.close();
    }
    expect(await outcome(attempt(user.email, TEST_PASSWORD, ip))).toBe("throttled 240s");
  });
});
