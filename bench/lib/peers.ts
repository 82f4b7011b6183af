// The peers under bench/peers/<name> carry their own package.json and lockfile; the benchmark
// installs one the first time it is needed, so the app's own `npm install` never pulls them in.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startServer } from "./servers";

export function peerDir(name: string): string {
  return path.join(import.meta.dirname, "..", "peers", name);
}

export function ensurePeer(name: string): string {
  const dir = peerDir(name);
  if (!existsSync(path.join(dir, "node_modules"))) {
    console.log(`installing the ${name} peer (bench/peers/${name}, first run only)`);
    execFileSync("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund"], {
      stdio: "inherit",
    });
  }
  return dir;
}

/** Starts bench/peers/<name>/server.mjs with plain node, as production would run it. */
export function startPeer(
  name: string,
  label: string,
  port: number,
  env: Record<string, string>,
  ready: string,
) {
  const cwd = ensurePeer(name);
  return startServer({
    name: label,
    command: process.execPath,
    args: ["server.mjs"],
    cwd,
    env: { NODE_ENV: "production", ...env },
    port,
    ready,
  });
}
