/** Samples a process's resident set size from `/proc/<pid>/status` (Linux) once per interval. */
import { readFileSync } from "node:fs";

/** One sample: seconds since the sampler started, RSS in MiB. */
export interface RssSample {
  atS: number;
  rssMiB: number;
}

/** `VmRSS` of `pid` in MiB, or null when the process or the field is gone. */
export function readRssMiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match === null ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/** Starts sampling `pid` every `everyMs`; `stop()` returns the samples. */
export function startRssSampler(pid: number, everyMs = 1000): { stop(): RssSample[] } {
  const t0 = performance.now();
  const samples: RssSample[] = [];
  const take = () => {
    const rssMiB = readRssMiB(pid);
    if (rssMiB !== null) samples.push({ atS: (performance.now() - t0) / 1000, rssMiB });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

/** Least-squares slope of RSS over time, MiB per minute (0 with fewer than two samples). */
export function rssSlopeMiBPerMin(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanT = samples.reduce((s, p) => s + p.atS, 0) / n;
  const meanR = samples.reduce((s, p) => s + p.rssMiB, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.atS - meanT) * (p.rssMiB - meanR);
    den += (p.atS - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}
