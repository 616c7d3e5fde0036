/** Prints a soak's results (per-kind latency, throughput, streams, memory) and PASS/FAIL per target. */
import type { RssSample } from "./rss-sampler.ts";
import { rssSlopeMiBPerMin } from "./rss-sampler.ts";
import type { SoakOutcome } from "./soak-run.ts";

/** Memory after warm-up: the flat-memory target. */
export interface MemoryVerdict {
  warmMiB: number;
  endMiB: number;
  peakMiB: number;
  slopeMiBPerMin: number;
}

/** Largest RSS growth from the end of warm-up to the end that still counts as flat. */
export const MAX_GROWTH_MIB = 24;
/**
 * Largest least-squares RSS slope after warm-up that still counts as flat. GC makes RSS a
 * saw-tooth of tens of MiB, so over ~45 s the fitted slope of a flat process swings by tens of
 * MiB/min; the window medians above are the sharper test, this bound catches a steady climb.
 */
export const MAX_SLOPE_MIB_PER_MIN = 60;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** RSS just after warm-up and at the end (medians of the first and last 10 samples) and the slope in between. */
export function memoryVerdict(rss: readonly RssSample[], warmupS: number, durationS: number): MemoryVerdict {
  const steady = rss.filter((s) => s.atS >= warmupS && s.atS <= durationS);
  const warm = steady.slice(0, 10).map((s) => s.rssMiB);
  const end = steady.slice(-10).map((s) => s.rssMiB);
  return { warmMiB: median(warm), endMiB: median(end), peakMiB: Math.max(...rss.map((s) => s.rssMiB)), slopeMiBPerMin: rssSlopeMiBPerMin(steady) };
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

/** Prints the outcome; returns whether every target passed. */
export function printSoakReport(outcome: SoakOutcome, warmupS: number, durationS: number): boolean {
  const { ctx, elapsedS } = outcome;
  const kinds = ctx.book.summaries();
  const http = kinds.filter((k) => k.kind !== "ws_connect");
  const requests = http.reduce((sum, k) => sum + k.count, 0);
  const serverErrors = kinds.reduce((sum, k) => sum + k.serverErrors, 0);
  const failed = http.reduce((sum, k) => sum + (k.statuses["0"] ?? 0), 0);
  console.log(`\n| kind | requests | per s | p50 ms | p99 ms | max ms | 5xx | statuses |\n|---|---:|---:|---:|---:|---:|---:|---|`);
  for (const k of kinds) {
    const statuses = Object.entries(k.statuses).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(`| ${k.kind} | ${k.count} | ${(k.count / elapsedS).toFixed(0)} | ${fmt(k.p50Ms)} | ${fmt(k.p99Ms)} | ${fmt(k.maxMs)} | ${k.serverErrors} | ${statuses} |`);
  }
  const mem = memoryVerdict(outcome.rss, warmupS, durationS);
  const growth = mem.endMiB - mem.warmMiB;
  console.log(`\n${requests} HTTP requests in ${elapsedS.toFixed(1)} s: ${(requests / elapsedS).toFixed(0)} req/s; ${failed} without a response`);
  console.log(`streams: ${ctx.follows} runs followed by ${ctx.frames} frames (${(ctx.frames / elapsedS).toFixed(0)} frames/s), ${ctx.reconnects} reconnects after 1013, ${ctx.lostEvents} events lost`);
  console.log(`server RSS: ${mem.warmMiB.toFixed(1)} MiB after ${warmupS} s warm-up → ${mem.endMiB.toFixed(1)} MiB at ${durationS} s (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MiB, slope ${mem.slopeMiBPerMin.toFixed(2)} MiB/min, peak ${mem.peakMiB.toFixed(1)} MiB)`);
  const every5s = outcome.rss.filter((_, i) => i % 5 === 0).map((s) => s.rssMiB.toFixed(0));
  console.log(`server RSS every 5 s (MiB): ${every5s.join(" ")}`);
  for (const problem of ctx.problems.slice(0, 20)) console.log(`  problem: ${problem}`);
  if (ctx.problems.length > 20) console.log(`  … ${ctx.problems.length - 20} more problems`);
  const targets: Array<[string, boolean]> = [
    [`zero 5xx (${serverErrors}) and every request answered (${failed} failed)`, serverErrors === 0 && failed === 0],
    [`zero lost events (${ctx.lostEvents}), every subscriber saw 1..N ending in a terminal event (${ctx.problems.length} problems)`, ctx.lostEvents === 0 && ctx.problems.length === 0 && ctx.follows > 0],
    [`bad keys never let in (${ctx.badKeyAllowed})`, ctx.badKeyAllowed === 0],
    [`memory flat after warm-up (growth ≤ ${MAX_GROWTH_MIB} MiB, slope ≤ ${MAX_SLOPE_MIB_PER_MIN} MiB/min)`, growth <= MAX_GROWTH_MIB && mem.slopeMiBPerMin <= MAX_SLOPE_MIB_PER_MIN],
  ];
  for (const [name, ok] of targets) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
  return targets.every(([, ok]) => ok);
}
