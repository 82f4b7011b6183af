import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll } from "vitest";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { compileTrust } from "@/lib/http/forwarded";
import { dispatcher } from "@/machine/dispatch";

/** What a page request would show Next: the address header, parsed and raw. */
function echoForNext(req: IncomingMessage) {
  const raw = req.rawHeaders.filter((_, i) => i % 2 === 0 && /latchkey/i.test(req.rawHeaders[i]!));
  return { ip: req.headers[CLIENT_IP_HEADER] ?? null, rawNames: raw };
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/**
 * server.ts's listener on a loopback port of the OS's choosing: the machine door for its paths,
 * and in Next's place a stand-in that answers with what Next would have been told.
 */
export async function startDoor(trustedProxies?: string) {
  const listener = dispatcher(compileTrust(trustedProxies), (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(echoForNext(req)));
  });
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, server };
}
