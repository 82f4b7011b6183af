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
  // A peer on the app's database driver gets the app's fixes to it (patches/, applied by the
  // app's postinstall), so that a comparison with it measures the server, not a driver bug.
  if (existsSync(path.join(dir, "node_modules", "postgres"))) {
    execFileSync(
      process.execPath,
      [
        appPath("node_modules", "patch-package", "index.js"),
        "--patch-dir",
        path.relative(dir, appPath("patches")),
      ],
      { cwd: dir, stdio: "ignore" },
    );
  }
  return dir;
}

function appPath(...parts: string[]) {
  return path.join(import.meta.dirname, "..", "..", ...parts);
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
