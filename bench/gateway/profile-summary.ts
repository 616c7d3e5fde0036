/**
 * Prints where a `.cpuprofile` (from `--cpu-prof-dir`) spends its time: self time by function and
 * by file, heaviest first. Run: `npx tsx bench/gateway/profile-summary.ts <file> [top]`.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in µs per key, from a profile's samples. */
export function selfTimes(profile: Profile, keyOf: (node: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return totals;
}

/** Inclusive time in µs per key: each sample counts once for every distinct key on its stack. */
export function inclusiveTimes(profile: Profile, keyOf: (node: ProfileNode) => string): Map<string, number> {
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set<string>();
    for (let node = byId.get(profile.samples[i]); node; node = parent.get(node.id)) seen.add(keyOf(node));
    for (const key of seen) totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return totals;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const src = url.indexOf("/src/");
  return src >= 0 ? url.slice(src + 1) : url || "(native)";
}

/** Sampled time in µs, excluding idle. */
export function busyTime(profile: Profile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) if (!idle.has(profile.samples[i])) total += profile.timeDeltas[i] ?? 0;
  return total;
}

function printTop(title: string, totals: Map<string, number>, top: number, all: number): void {
  process.stdout.write(`\n${title} (% of ${(all / 1000).toFixed(0)} ms busy)\n`);
  for (const [key, us] of [...totals].filter(([key]) => !key.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((us / all) * 100).toFixed(1).padStart(5)}%  ${key}\n`);
  }
}

const [file, topArg] = process.argv.slice(2);
// Piping into `head` closes stdout early; that is not an error here.
process.stdout.on("error", () => process.exit(0));
if (file) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const top = Number(topArg ?? 30);
  const busy = busyTime(profile);
  printTop("self time by function", selfTimes(profile, (n) => `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`), top, busy);
  printTop("inclusive time by function", inclusiveTimes(profile, (n) => `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`), top, busy);
  printTop("self time by file", selfTimes(profile, (n) => shortUrl(n.callFrame.url)), top, busy);
}
