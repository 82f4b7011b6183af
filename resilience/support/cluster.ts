// A throwaway PostgreSQL cluster of the suite's own (initdb into a temp folder, a spare port), so
// scenarios can stop, kill and restart it freely without touching the machine's server.
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's server binaries (/usr/lib/postgresql/<version>/bin), newest version first; PG_BIN wins. */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) {
    throw new Error(
      "No PostgreSQL server binaries in /usr/lib/postgresql: apt-get install postgresql",
    );
  }
  return path.join(root, versions[0], "bin");
}

export class Cluster {
  readonly dataDir: string;
  private readonly bin = postgresBin();
  // initdb and the server refuse to run as root: as root, they run as the postgres account.
  private readonly asRoot = process.getuid?.() === 0;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(dir, "data");
  }

  url(database = "latchkey", port = this.port) {
    return `postgres://postgres@127.0.0.1:${port}/${database}`;
  }

  private async pg(tool: string, args: string[]) {
    const file = path.join(this.bin, tool);
    const [cmd, argv] = this.asRoot
      ? ["runuser", ["-u", "postgres", "--", file, ...args]]
      : [file, args];
    return run(cmd, argv, { timeout: 60_000 });
  }

  async init() {
    mkdirSync(this.dir, { recursive: true });
    if (this.asRoot) chownSync(this.dir, ...postgresIds());
    await this.pg("initdb", [
      "-D",
      this.dataDir,
      "-A",
      "trust",
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--no-sync",
    ]);
    await this.start();
    await run("psql", [this.url("postgres"), "-qc", "create database latchkey"]);
  }

  async start() {
    // fsync off: the faults here are process crashes (the server's or the app's), which lose
    // nothing the operating system has already been handed; a power cut is out of scope.
    const options = [
      `-p ${this.port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${this.dir}`,
      "-c fsync=off",
      "-c max_connections=200",
    ].join(" ");
    await this.pg("pg_ctl", [
      "-D",
      this.dataDir,
      "-o",
      options,
      "-l",
      path.join(this.dir, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  }

  /** `pg_ctl stop -m immediate`: every server process quits at once, like a crash. */
  async stopImmediately() {
    await this.pg("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "-w", "stop"]);
  }

  async isRunning() {
    return this.pg("pg_ctl", ["-D", this.dataDir, "status"]).then(
      () => true,
      () => false,
    );
  }

  /** The whole cluster as SQL, as an operator's backup would hold it. */
  async dump(): Promise<string> {
    const { stdout } = await run("pg_dump", ["--no-owner", this.url()], {
      maxBuffer: 512 * 1024 * 1024,
      timeout: 120_000,
    });
    return stdout;
  }
}

/** The postgres account's uid and gid (/etc/passwd: name:x:uid:gid:…). */
function postgresIds(): [number, number] {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("No postgres account: apt-get install postgresql creates it");
  const [, , uid, gid] = line.split(":");
  return [Number(uid), Number(gid)];
}
