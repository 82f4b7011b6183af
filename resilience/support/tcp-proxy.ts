// A TCP proxy between an app instance and PostgreSQL that can add latency, swallow traffic (a
// black hole: connections stay open, nothing arrives) or reset every connection.
import net from "node:net";

export type ProxyMode =
  { kind: "pass" } | { kind: "delay"; ms: number } | { kind: "blackhole" } | { kind: "reset" };

type Pair = { client: net.Socket; upstream: net.Socket | null };

export class FaultyProxy {
  private server: net.Server | undefined;
  private readonly pairs = new Set<Pair>();
  private mode: ProxyMode = { kind: "pass" };
  /** Connections reset while in "reset" mode, and accepted in all. */
  resets = 0;
  accepted = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  listen(port: number): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    return new Promise((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
  }

  setMode(mode: ProxyMode) {
    this.mode = mode;
    if (mode.kind === "reset") {
      for (const pair of this.pairs) this.reset(pair);
    }
  }

  private reset(pair: Pair) {
    this.resets += 1;
    pair.client.resetAndDestroy();
    pair.upstream?.destroy();
    this.pairs.delete(pair);
  }

  private accept(client: net.Socket) {
    this.accepted += 1;
    const pair: Pair = { client, upstream: null };
    this.pairs.add(pair);
    client.on("error", () => {});
    if (this.mode.kind === "reset") return this.reset(pair);
    const upstream = net.connect(this.target);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    client.on("close", () => {
      upstream.destroy();
      this.pairs.delete(pair);
    });
    upstream.on("close", () => client.destroy());
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  /** Copies `from` to `to` as the mode says, chunk by chunk, keeping their order. */
  private forward(from: net.Socket, to: net.Socket) {
    const queue: { due: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const drain = () => {
      timer = undefined;
      while (queue.length && queue[0]!.due <= performance.now()) {
        const { chunk } = queue.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length) timer = setTimeout(drain, queue[0]!.due - performance.now());
    };
    from.on("data", (chunk: Buffer) => {
      const mode = this.mode;
      if (mode.kind === "blackhole" || mode.kind === "reset") return; // swallowed
      const delay = mode.kind === "delay" ? mode.ms : 0;
      if (delay === 0 && queue.length === 0) {
        to.write(chunk);
        return;
      }
      queue.push({ due: performance.now() + delay, chunk });
      timer ??= setTimeout(drain, queue[0]!.due - performance.now());
    });
  }

  async close() {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
