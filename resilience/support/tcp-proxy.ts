// A TCP proxy between an app instance and PostgreSQL that can add latency, hold traffic (a black
// hole: connections stay open, nothing arrives; as with a real one, TCP delivers what was held
// once the road is back) or reset every connection.
import net from "node:net";

export type ProxyMode =
  { kind: "pass" } | { kind: "delay"; ms: number } | { kind: "blackhole" } | { kind: "reset" };

type Pair = { client: net.Socket; upstream: net.Socket | null; release: (() => void)[] };

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
    } else if (mode.kind !== "blackhole") {
      for (const pair of this.pairs) for (const release of pair.release) release();
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
    const pair: Pair = { client, upstream: null, release: [] };
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
    pair.release.push(this.forward(client, upstream), this.forward(upstream, client));
  }

  /**
   * Copies `from` to `to` as the mode says, chunk by chunk, keeping their order. Returns what lets
   * chunks held by a black hole go on once it ends.
   */
  private forward(from: net.Socket, to: net.Socket): () => void {
    const queue: { due: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const drain = () => {
      timer = undefined;
      while (queue.length && queue[0]!.due <= performance.now()) {
        const { chunk } = queue.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length && queue[0]!.due !== Infinity) {
        timer = setTimeout(drain, queue[0]!.due - performance.now());
      }
    };
    from.on("data", (chunk: Buffer) => {
      const mode = this.mode;
      if (mode.kind === "reset") return; // the connection is being reset
      // held until the black hole ends (then sent at once, in order)
      const delay = mode.kind === "delay" ? mode.ms : mode.kind === "blackhole" ? Infinity : 0;
      if (delay === 0 && queue.length === 0) {
        to.write(chunk);
        return;
      }
      queue.push({ due: performance.now() + delay, chunk });
      if (queue[0]!.due !== Infinity)
        timer ??= setTimeout(drain, queue[0]!.due - performance.now());
    });
    return () => {
      const now = performance.now();
      for (const held of queue) if (held.due === Infinity) held.due = now;
      clearTimeout(timer);
      timer = undefined;
      drain();
    };
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
