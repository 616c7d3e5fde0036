/**
 * CPU time of another process from Linux `/proc/<pid>/stat` (utime + stime), so the server's own
 * cost per request can be measured from outside it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * utime + stime in clock ticks from the text of `/proc/<pid>/stat`. The command name (field 2)
 * may contain spaces and parentheses, so fields are counted from the last `)`.
 */
export function parseStatTicks(stat: string): number {
  const end = stat.lastIndexOf(")");
  if (end < 0) throw new Error("unrecognised /proc stat line");
  // After ")" come field 3 (state) onwards; utime and stime are fields 14 and 15.
  const fields = stat.slice(end + 2).trim().split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error("unrecognised /proc stat line");
  return utime + stime;
}

/** Clock ticks per second (`getconf CLK_TCK`), or 100 when it cannot be asked. */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 2000 }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** Reads a process's CPU time in microseconds; throws when the process is gone. */
export function createCpuReader(ticksPerSecond = clockTicksPerSecond()): (pid: number) => number {
  const microsPerTick = 1_000_000 / ticksPerSecond;
  return (pid) => parseStatTicks(readFileSync(`/proc/${pid}/stat`, "utf8")) * microsPerTick;
}
