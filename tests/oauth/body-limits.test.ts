import { describe, expect, it } from "vitest";
// Aliased: a vitest fixture, not a React hook, whatever its name says to the hooks lint rule.
import { useTestDatabase as setUpTestDatabase } from "../helpers/db";
import { createOrgWithPeople } from "../helpers/factories";
import { basic, createClient, dispatch, form, ISSUER } from "./helpers";

setUpTestDatabase();

const LIMIT = 8 * 1024;
const ENDPOINTS = ["/api/oauth/token", "/api/oauth/revoke", "/api/oauth/introspect"];

/**
 * A form body that never ends on its own (up to `total` bytes), sent in `chunk`-byte pieces as a
 * chunked upload would be, counting what the server actually pulled from it.
 */
function endlessFormBody(total = 1024 * 1024, chunk = 1024) {
  const seen = { bytes: 0 };
  const piece = new TextEncoder().encode(`p=${"a".repeat(chunk - 3)}&`);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.bytes >= total) return controller.close();
      seen.bytes += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, seen };
}

function streamed(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return dispatch(
    new Request(`${ISSUER}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );
}

async function expectTooLarge(response: Response) {
  expect(response.status).toBe(413);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = await response.json();
  expect(body.error).toBe("invalid_request");
  expect(body.error_description).toMatch(/too large/i);
}

describe("OAuth endpoints read at most 8 KiB of body", () => {
  it.each(ENDPOINTS)(
    "%s stops reading a chunked body without Content-Length past 8 KiB and answers 413",
    async (path) => {
      const { stream, seen } = endlessFormBody();
      const response = await streamed(path, stream, {});
      await expectTooLarge(response);
      // What was pulled is the limit plus at most the chunks already in flight, not the megabyte.
      expect(seen.bytes).toBeLessThan(LIMIT + 4 * 1024);
    },
  );

  it.each(ENDPOINTS)(
    "%s answers 413 to a Content-Length above 8 KiB without reading the body",
    async (path) => {
      const { stream, seen } = endlessFormBody();
      const response = await streamed(path, stream, { "content-length": String(LIMIT + 1) });
      await expectTooLarge(response);
      expect(seen.bytes).toBeLessThanOrEqual(1024);
    },
  );

  it("accepts a body of exactly 8 KiB, sent in chunks without Content-Length", async () => {
    const { org, admin } = await createOrgWithPeople();
    const c = await createClient(org, admin);
    const base = form({ grant_type: "client_credentials" });
    const padded = `${base}&pad=${"x".repeat(LIMIT - base.length - 5)}`;
    expect(Buffer.byteLength(padded)).toBe(LIMIT);
    const bytes = new TextEncoder().encode(padded);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const response = await streamed("/api/oauth/token", stream, {
      authorization: basic(c.clientId, c.secret),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  });
});
