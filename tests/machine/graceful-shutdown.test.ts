import { createServer, request } from "node:http";
import { describe, expect, it } from "vitest";
import { closeGracefully } from "@/lib/http/graceful-shutdown";

function get(port: number) {
  return new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/" }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("shutting down (SIGTERM, SIGINT)", () => {
  it("stops accepting, finishes the request in flight, and only then closes the database", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = createServer((_req, res) => void held.then(() => res.end("finished")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };

    const inFlight = get(port);
    await new Promise((r) => setTimeout(r, 100)); // the request has reached the handler
    const events: string[] = [];
    const closed = closeGracefully(server, async () => {
      events.push("database closed");
    }).then(() => events.push("done"));

    await expect(get(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(events).toEqual([]);
    release();
    const response = await inFlight;
    expect(response).toMatchObject({ status: 200, body: "finished" });
    await closed;
    expect(events).toEqual(["database closed", "done"]);
  });

  it("cuts connections still busy after the grace period, so the process can end", async () => {
    const server = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const stuck = get(port).catch((error: NodeJS.ErrnoException) => error.code);
    await new Promise((r) => setTimeout(r, 100));
    let cleaned = false;
    await closeGracefully(
      server,
      async () => {
        cleaned = true;
      },
      200,
    );
    expect(cleaned).toBe(true);
    expect(await stuck).toBe("ECONNRESET");
  });
});
