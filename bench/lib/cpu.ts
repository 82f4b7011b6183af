// CPU time of other processes on this machine (Linux /proc), so a run can report what each request
// costs the server and the database, which neighbours on a shared machine do not change much,
// alongside requests per second, which they do.
import { readdirSync, readFileSync } from "node:fs";

// USER_HZ is 100 on every mainstream Linux build; /proc reports utime and stime in it.
const TICK_MS = 10;

/** The fields of /proc/<pid>/stat after the parenthesised command name (field 3 onwards). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Milliseconds of CPU a process has used so far, or null where /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15.
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : null;
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

/**
 * CPU milliseconds of the live members of a process group (a server started through npm is npm,
 * a shell and the server). Null where /proc is not there.
 */
export function groupCpuMs(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // pgrp is field 5.
    if (fields && Number(fields[2]) === pgid) {
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    }
  }
  return total;
}
