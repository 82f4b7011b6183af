import { describe, expect, it, vi } from "vitest";
import { getHandle } from "@/db/client";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

describe("one database handle per process", () => {
  it("a second copy of db/client (Next's bundle beside the server's) gets the same handle", async () => {
    const first = getHandle();
    vi.resetModules();
    const copy = await import("@/db/client");
    expect(copy.getHandle).not.toBe(getHandle); // a separate module instance…
    expect(copy.getHandle()).toBe(first); // …sharing the one handle: PGlite opened once, one pool
  });
});
