// An app instance as production runs it: `npm start` (the package.json script) on the built app,
// in a process group of its own so that kill -9 takes npm, the shell and the server together.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, openSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { HttpClient } from "./http";

const root = path.resolve(import.meta.dirname, "../..");
// USER_HZ: the unit of /proc's CPU times, 100 on Linux whatever the kernel's own tick.
const CLOCK_TICKS = 100;

export class AppInstance {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  /** How many times this instance has been started, and how long each start took (ms). */
  starts = 0;
  readonly startTimes: number[] = [];
  readonly client = new HttpClient("127.0.0.1");

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly logFile: string,
    private readonly pidsFile: string,
  ) {}

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  url(pathname: string) {
    return `${this.origin}${pathname}`;
  }

  get running() {
    return this.child !== undefined;
  }

  async start(timeoutMs = 120_000) {
    if (this.child) throw new Error(`${this.name} is already running`);
    const log = openSync(this.logFile, "a");
    appendFileSync(this.logFile, `\n=== start ${++this.starts} of ${this.name}\n`);
    const child = spawn("npm", ["start"], {
      cwd: root,
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        NEXT_TELEMETRY_DISABLED: "1",
      },
      detached: true,
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.child = child;
    appendFileSync(this.pidsFile, `${child.pid}\n`);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    let gone = false;
    void this.exited.then(() => (gone = true));
    const started = performance.now();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (gone) throw new Error(`${this.name} exited while starting:\n${this.logTail()}`);
      const reply = await this.client.request(this.url("/api/health"), { timeoutMs: 5000 });
      if (reply.status === 200) {
        this.startTimes.push(performance.now() - started);
        return;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${this.name} did not become healthy in ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** kill -9 of the whole process group: no shutdown hook, no flush, open transactions cut off. */
  async kill(signal: NodeJS.Signals = "SIGKILL") {
    const child = this.child;
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    await this.exited;
    // npm's exit does not wait for its children: wait until the group is empty.
    for (let i = 0; i < 200 && groupAlive(child.pid); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    this.child = undefined;
  }

  async restart() {
    await this.kill();
    await this.start();
  }

  logTail(lines = 40) {
    try {
      return readFileSync(this.logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  /** The processes of the instance (npm, its shell, the server). */
  pids(): number[] {
    const pgid = this.child?.pid;
    if (!pgid) return [];
    return readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => statFields(Number(pid))?.[2] === String(pgid))
      .map(Number);
  }

  /** CPU time (ms, user + system) the instance's processes have used so far, from /proc. */
  cpuMs(pids = this.pids()): number {
    let ticks = 0;
    for (const pid of pids) {
      const fields = statFields(pid);
      if (fields) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * (1000 / CLOCK_TICKS);
  }

  /** Synchronous, for process exit: kills the group without waiting. */
  killNow() {
    if (this.child?.pid) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}

/** /proc/<pid>/stat after "pid (comm) ": state ppid pgrp … utime (index 11) stime (12). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // ended meanwhile
  }
}

function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
