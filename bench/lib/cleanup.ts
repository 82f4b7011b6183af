// Whatever a benchmark starts is undone on the way out: at the end, on an error, on Ctrl-C or
// SIGTERM. Servers run in process groups of their own so that npm, the shell it spawns and the
// server below them all go together.
type Task = () => Promise<unknown> | unknown;

const tasks: Task[] = [];
const groups = new Set<number>();
let finishing: Promise<void> | undefined;
let interrupted = false;

/** True once SIGINT or SIGTERM arrived: failures after that are the interruption's, not bugs. */
export function wasInterrupted() {
  return interrupted;
}

/** Runs at clean-up, after every process group has ended, in reverse order of registration. */
export function onCleanup(task: Task) {
  tasks.push(task);
}

export function trackGroup(pgid: number) {
  groups.add(pgid);
}

function signalGroups(signal: NodeJS.Signals) {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      groups.delete(pgid); // already gone
    }
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

/** Ends one process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(pgid: number, graceMs = 3000) {
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    groups.delete(pgid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  groups.delete(pgid);
}

export function cleanUp(): Promise<void> {
  finishing ??= (async () => {
    await Promise.all([...groups].map((pgid) => stopGroup(pgid)));
    for (const task of tasks.reverse()) {
      try {
        await task();
      } catch (error) {
        console.error("clean-up step failed:", error);
      }
    }
  })();
  return finishing;
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping servers and dropping databases`);
    void cleanUp().finally(() => process.exit(code));
  });
}
// Last resort when the process leaves without clean-up (process.exit elsewhere): no async work
// can run here, so the groups are killed outright.
process.on("exit", () => signalGroups("SIGKILL"));
