import { performance } from "node:perf_hooks";
import { verify } from "@node-rs/argon2";
import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/password";
import { useTestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";
import { attempt, outcome } from "./sign-in-support";

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

useTestDatabase();

/** "$argon2id$v=19$m=…,t=…,p=…": everything in a PHC hash string but the salt and the digest. */
const parametersOf = (hash: string) => hash.split("$").slice(0, 4).join("$");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("an unknown email is indistinguishable from a wrong password", () => {
  it("runs an argon2id verification with the same parameters as a real password hash", async () => {
    vi.mocked(verify).mockClear();
    expect(await outcome(attempt("nobody-here@example.test", "a guess", "192.0.2.31"))).toBe(
      "refused",
    );
    expect(verify).toHaveBeenCalledTimes(1);
    const [hashUsed] = vi.mocked(verify).mock.calls[0]!;
    expect(parametersOf(String(hashUsed))).toBe(parametersOf(await hashPassword("anything")));
    expect(parametersOf(String(hashUsed))).toMatch(/^\$argon2id\$/);

    const user = await createUser();
    vi.mocked(verify).mockClear();
    expect(await outcome(attempt(user.email, "a guess", "192.0.2.31"))).toBe("refused");
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("takes about as long (median of interleaved attempts)", async () => {
    const user = await createUser();
    const timings = { unknown: [] as number[], wrongPassword: [] as number[] };
    const time = async (bucket: number[], email: string, ip: string) => {
      const started = performance.now();
      expect(await outcome(attempt(email, "a guess", ip))).toBe("refused");
      bucket.push(performance.now() - started);
    };
    // Warm-up: the first verification pays for loading and, for unknown emails, the dummy hash.
    await time([], "warm-up@example.test", "192.0.2.40");
    await time([], user.email, "192.0.2.41");
    for (let i = 0; i < 9; i++) {
      // A fresh address each time keeps the throttle out of the measurement.
      await time(timings.unknown, `nobody-${i}@example.test`, `198.51.100.${i + 1}`);
      await time(timings.wrongPassword, user.email, `198.51.100.${i + 101}`);
    }
    const ratio = median(timings.unknown) / median(timings.wrongPassword);
    // Tolerant, as the machine is shared: without the dummy verification the ratio was ~0.1.
    expect(ratio, JSON.stringify(timings)).toBeGreaterThan(0.5);
    expect(ratio, JSON.stringify(timings)).toBeLessThan(2);
  });
});
