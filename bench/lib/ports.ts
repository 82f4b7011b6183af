// Free TCP ports on 127.0.0.1: the kernel's choice, or the first free ones in BENCH_PORTS
// ("4200-4299") where a shared machine gives each user a range.
import { createServer } from "node:net";

const taken = new Set<number>();

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

async function findPort(): Promise<number> {
  const range = process.env.BENCH_PORTS?.match(/^(\d+)-(\d+)$/);
  if (!range) {
    for (;;) {
      const port = await tryListen(0);
      if (port && !taken.has(port)) return port;
    }
  }
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    if (!taken.has(port) && (await tryListen(port))) return port;
  }
  throw new Error(`no free port in BENCH_PORTS ${process.env.BENCH_PORTS}`);
}

/** A port nothing listens on and that this run has not handed out before. */
export async function freePort(): Promise<number> {
  const port = await findPort();
  taken.add(port);
  return port;
}
