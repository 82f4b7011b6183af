// A small HTTP client over node:http that can send from a chosen loopback address (each scenario
// has its own, as distinct callers have on a network) and times every request.
import http from "node:http";

export type Reply = {
  status: number; // 0: no answer (connection refused or reset, or timed out)
  headers: http.IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request was handed to the socket, and when its answer ended. */
  sentAt: number;
  receivedAt: number;
  error?: string;
};

export type RequestInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
};

/** Every response body a scenario chose to keep (pages, actions, lists): scenario 10 searches them. */
export const captured: { label: string; body: string }[] = [];

export class HttpClient {
  private readonly agent: http.Agent;

  constructor(readonly localAddress = "127.0.0.1") {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  }

  request(url: string, init: RequestInit = {}): Promise<Reply> {
    const target = new URL(url);
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers: Record<string, string> = { ...init.headers };
    if (body) headers["content-length"] = String(body.length);
    return new Promise((resolve) => {
      const sentAt = performance.now();
      let settled = false;
      const done = (reply: Omit<Reply, "sentAt" | "receivedAt">) => {
        if (settled) return;
        settled = true;
        resolve({ ...reply, sentAt, receivedAt: performance.now() });
      };
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? "GET",
          headers,
          agent: this.agent,
          localAddress: this.localAddress,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            done({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", (e) => done({ status: 0, headers: {}, body: "", error: e.message }));
        },
      );
      req.setTimeout(init.timeoutMs ?? 30_000, () => {
        req.destroy(new Error("timed out"));
      });
      req.on("error", (e) => done({ status: 0, headers: {}, body: "", error: e.message }));
      req.end(body);
    });
  }

  /** Like request(), and keeps the body for the search of scenario 10. */
  async capture(label: string, url: string, init: RequestInit = {}): Promise<Reply> {
    const reply = await this.request(url, init);
    captured.push({ label, body: reply.body });
    return reply;
  }

  close() {
    this.agent.destroy();
  }
}

/** Whether the body is JSON at all (null included). */
export function isJson(reply: Reply): boolean {
  try {
    JSON.parse(reply.body);
    return true;
  } catch {
    return false;
  }
}

export function json(reply: Reply): Record<string, unknown> | null {
  try {
    return JSON.parse(reply.body) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Sends with `send` from `workers` concurrent loops until `durationMs` has passed (or `count`
 * requests were sent, or `until` says so), collecting every reply. `pace` (requests per second, across all workers)
 * spaces the sends out; without it each loop sends as soon as its previous answer arrives.
 */
export async function loop(opts: {
  workers: number;
  durationMs: number;
  count?: number;
  pace?: number;
  /** Checked before each send: true ends the loop. */
  until?: () => boolean;
  send: (i: number) => Promise<Reply>;
}): Promise<Reply[]> {
  const replies: Reply[] = [];
  const start = performance.now();
  const end = start + opts.durationMs;
  let next = 0;
  const interval = opts.pace ? 1000 / opts.pace : 0;
  const worker = async () => {
    for (;;) {
      if (opts.until?.()) return;
      const i = next++;
      if (opts.count !== undefined && i >= opts.count) return;
      if (performance.now() >= end) return;
      if (interval) {
        // behind schedule (every worker busy), a send goes out at once, never after the end
        const due = start + i * interval;
        if (due > end) return;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      replies.push(await opts.send(i));
    }
  };
  await Promise.all(Array.from({ length: opts.workers }, worker));
  return replies;
}
