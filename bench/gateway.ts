/**
 * `npm run bench:gateway`: throughput of the GlowBack Node server against a bare `node:http`
 * server on loopback, in one run with interleaved rounds, plus the servers' CPU per request.
 * Flags (or GATEWAY_BENCH_* variables): --quick, --rounds N, --duration S, --warmup S,
 * --budget S, --connections N, --warn/--no-warn, --log-file PATH, --cpu-prof-dir DIR, --target R.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runLoad, stopLoad } from "./gateway/load.ts";
import { BenchOptionsError, parseBenchOptions, targetCount, type BenchOptions } from "./gateway/options.ts";
import { createCpuReader } from "./gateway/proc-cpu.ts";
import { markdownTable, textTable, verdict } from "./gateway/report.ts";
import { killAllServersNow, startServer, stopAllServers, type RunningServer } from "./gateway/server-child.ts";
import { summarise, type RoundResult } from "./gateway/summary.ts";
import { buildTargets, roundOrder, type Target } from "./gateway/targets.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
let interrupted = false;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function startServers(options: BenchOptions, dir: string, apiKey: string) {
  const stdoutPath = (name: string) => options.logFile ?? join(dir, `${name}.stdout.log`);
  const base = (name: string, script: string, env: Record<string, string>, nodeFlags: string[] = []) =>
    startServer({ name, script, cwd: ROOT, env, stdoutPath: stdoutPath(name), stderrPath: join(dir, `${name}.stderr.log`), nodeFlags });
  const prof = (name: string) => (options.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", join(options.cpuProfDir, name)] : []);
  // The limiter runs on every request (its cost is part of the stack) with a limit the load cannot reach.
  const fullEnv = { GLOWBACK_API_KEY: apiKey, GLOWBACK_STORAGE: "memory", GLOWBACK_DATA_DIR: dir, GLOWBACK_RATE_LIMIT: "1000000000" };
  // Started together: each takes a second or two to load through tsx.
  const [bare, honoFloor, fullInfo, fullWarn] = await Promise.all([
    base("bare", "bench/gateway/bare-server.ts", {}),
    base("hono-floor", "bench/gateway/hono-server.ts", {}),
    base("full-info", "src/runtime/node.ts", fullEnv, prof("full-info")),
    options.warnVariant ? base("full-warn", "src/runtime/node.ts", { ...fullEnv, GLOWBACK_LOG_LEVEL: "warn" }, prof("full-warn")) : null,
  ]);
  return { bare, honoFloor, fullInfo, fullWarn };
}

/** One request per target, and the authenticated one without its key, to show what is measured. */
async function probe(targets: readonly Target[]): Promise<void> {
  for (const target of targets) {
    const response = await fetch(target.server.origin + target.path, { headers: target.headers, signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    if (!target.expected.includes(response.status)) {
      throw new Error(`${target.id}: expected ${target.expected.join("/")}, got ${response.status}`);
    }
    let note = "";
    if (target.headers.Authorization) {
      const anonymous = await fetch(target.server.origin + target.path, { signal: AbortSignal.timeout(5000) });
      await anonymous.arrayBuffer();
      if (anonymous.status !== 401) throw new Error(`${target.id}: without a key expected 401, got ${anonymous.status}`);
      note = " (without the key: 401)";
    }
    log(`probe ${target.id.padEnd(11)} GET ${target.path} → ${response.status}${note}`);
  }
}

async function measure(target: Target, options: BenchOptions, durationSec: number, cpuOf: (pid: number) => number) {
  const cpu0 = cpuOf(target.server.pid);
  const sample = await runLoad({ url: target.server.origin + target.path, headers: target.headers, connections: options.connections, durationSec });
  return { sample, cpuMicros: cpuOf(target.server.pid) - cpu0 };
}

async function runRounds(targets: readonly Target[], options: BenchOptions): Promise<Map<string, RoundResult[]>> {
  const cpuOf = createCpuReader();
  const results = new Map<string, RoundResult[]>(targets.map((t) => [t.id, []]));
  if (options.warmupSec > 0) {
    for (const target of targets) if (!interrupted) await measure(target, options, options.warmupSec, cpuOf);
    log(`warm-up done (${options.warmupSec} s per target)`);
  }
  for (let round = 0; round < options.rounds && !interrupted; round++) {
    for (const target of roundOrder(targets, round)) {
      if (interrupted) break;
      const { sample, cpuMicros } = await measure(target, options, options.durationSec, cpuOf);
      results.get(target.id)?.push({ round, sample, cpuMicros });
      const perReq = sample.requests > 0 ? (cpuMicros / sample.requests).toFixed(0) : "n/a";
      log(`round ${round + 1}/${options.rounds} ${target.id.padEnd(11)} ${Math.round(sample.rps).toString().padStart(6)} req/s  p50 ${sample.p50Ms} ms  p99 ${sample.p99Ms} ms  ${perReq} µs CPU/req  statuses ${JSON.stringify(sample.statuses)}${sample.errors ? `  errors ${sample.errors}` : ""}`);
    }
  }
  return results;
}

function printReport(targets: readonly Target[], results: Map<string, RoundResult[]>, options: BenchOptions): void {
  const baseline = results.get("bare") ?? [];
  const rows = targets.map((t) => summarise(t.label, results.get(t.id) ?? [], baseline, t.expected));
  log("");
  log(`GlowBack gateway vs bare node:http — loopback, ${options.connections} connections, pipelining 1, ${options.rounds} interleaved rounds × ${options.durationSec} s per target`);
  log("req/s, p50, p99: median over rounds; CPU: server process utime+stime from /proc per response; × bare: median of per-round ratios to the baseline.");
  log("");
  log(textTable(rows));
  log("");
  rows.forEach((row, i) => {
    if (targets[i].id !== "bare" && targets[i].id !== "hono-floor") log(verdict(row, options.target));
  });
  const bad = rows.filter((r) => r.unexpected > 0 || r.errors > 0);
  for (const row of bad) log(`WARNING ${row.label}: ${row.unexpected} responses with an unexpected status, ${row.errors} socket errors/timeouts`);
  log("");
  log("Markdown:");
  log("");
  log(markdownTable(rows));
}

function logSizes(servers: readonly RunningServer[], options: BenchOptions, dir: string): void {
  if (options.logFile !== null) return;
  for (const server of servers) {
    const size = statSync(join(dir, `${server.name}.stdout.log`)).size;
    log(`${server.name} wrote ${(size / 1_048_576).toFixed(1)} MiB of log lines to stdout`);
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const dir = mkdtempSync(join(tmpdir(), "glowback-bench-"));
  const apiKey = `bench-${randomUUID()}`;
  const expectedSec = 2 * (options.warmupSec + options.rounds * options.durationSec) * targetCount(options) + 120;
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench:gateway: still running after ${expectedSec} s, giving up\n`);
    killAllServersNow();
    process.exit(2);
  }, expectedSec * 1000);
  watchdog.unref();
  try {
    const servers = await startServers(options, dir, apiKey);
    const targets = buildTargets(servers, apiKey);
    await probe(targets);
    const results = await runRounds(targets, options);
    if (interrupted) return;
    printReport(targets, results, options);
    log("");
    logSizes([servers.fullInfo, ...(servers.fullWarn ? [servers.fullWarn] : [])], options, dir);
  } finally {
    await stopAllServers();
    clearTimeout(watchdog);
    rmSync(dir, { recursive: true, force: true });
    if (options.cpuProfDir) log(`CPU profiles of the full-stack servers: ${options.cpuProfDir}`);
  }
}

process.on("exit", killAllServersNow);
process.once("SIGINT", () => {
  interrupted = true;
  process.stderr.write("bench:gateway: interrupted, stopping servers\n");
  stopLoad();
});

main().then(
  () => process.exit(interrupted ? 130 : 0),
  (error: unknown) => {
    process.stderr.write(`bench:gateway: ${error instanceof BenchOptionsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
