// CPU time of other processes on this machine (Linux /proc), so a run can report what each request
// costs the server and the database, which neighbours on a shared machine do not change much,
// alongside requests per second, which they do.
import { readFileSync } from "node:fs";

// USER_HZ is 100 on every mainstream Linux build; /proc reports utime and stime in it.
const TICK_MS = 10;

/** Milliseconds of CPU a process has used so far, or null where /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Summed CPU milliseconds of several processes; null when any of them cannot be read. */
export function totalCpuMs(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}
