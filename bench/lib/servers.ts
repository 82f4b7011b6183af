// Starts a server in a process group of its own, waits until it answers and keeps the tail of its
// output to show when something goes wrong.
import { spawn } from "node:child_process";
import { stopGroup, trackGroup } from "./cleanup";

export type Server = {
  name: string;
  /** The process group id (the pid of the process started). */
  pgid: number;
  base: string;
  /** The last few kilobytes the server printed. */
  output: () => string;
  stop: () => Promise<void>;
};

type Start = {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  port: number;
  /** Path polled until it answers with a status below 500. */
  ready: string;
  timeoutMs?: number;
};

const KEEP = 8192;

export async function startServer(options: Start): Promise<Server> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pgid = child.pid;
  if (!pgid) throw new Error(`${options.name}: could not start ${options.command}`);
  trackGroup(pgid);
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-KEEP);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited: string | undefined;
  child.on("exit", (code, signal) => {
    exited = `exited with ${signal ?? `status ${code}`}`;
  });

  const base = `http://127.0.0.1:${options.port}`;
  const server: Server = {
    name: options.name,
    pgid,
    base,
    output: () => tail,
    stop: () => stopGroup(pgid),
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) throw new ServerError(server, `${options.name} ${exited} before answering`);
    try {
      const response = await fetch(base + options.ready);
      await response.arrayBuffer();
      if (response.status < 500) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new ServerError(server, `${options.name} did not answer`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A failure that carries the server's last output, printed by the benchmark's main. */
export class ServerError extends Error {
  constructor(
    readonly server: Server,
    message: string,
  ) {
    super(message);
  }
}

/** One request made before the measurement, so a broken set-up fails loudly instead of fast. */
export async function expectStatus(
  server: Server,
  request: { url: string; method?: string; headers?: Record<string, string>; body?: string },
  status: number,
) {
  const response = await fetch(request.url, request);
  const text = await response.text();
  if (response.status !== status) {
    throw new ServerError(
      server,
      `${server.name}: ${request.url} answered ${response.status}, expected ${status}: ${text.slice(0, 300)}`,
    );
  }
  return text;
}
