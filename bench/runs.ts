/**
 * `npm run bench:runs` (issue 4): through the real Node host with SQLite,
 *  (a) the 500-symbol × 10-year daily `ma_crossover` run end to end — POST, wait for `completed`
 *      on its WebSocket stream, GET the results — a few rounds, median against the 2 s target and
 *      against the bare engine (`runBacktest` in this process) measured in the same run;
 *  (b) one run streamed to 100 concurrent WebSocket subscribers from `last_event_id=0`, live and
 *      again as a replay once completed: every client must receive the identical gap-free
 *      sequence ending with `completed` and a 1000 close; prints frames delivered per second.
 * Loopback only; the server is stopped by PID at the end, also on errors.
 * Options (env): BENCH_ROUNDS (3), BENCH_SYMBOLS (500), BENCH_CLIENTS (100), BENCH_STREAM_SYMBOLS (100).
 */
import { createSampleProvider, normalizeBacktestRequest, runBacktest } from "../src/engine/index.ts";
import { startNodeServer } from "./runs/node-server.ts";
import type { BenchServer } from "./runs/node-server.ts";
import { bigRunBody, streamRunBody } from "./runs/requests.ts";
import { checkRecords, subscribe } from "./runs/stream-client.ts";
import type { StreamRecord } from "./runs/stream-client.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const STREAM_SYMBOLS = Number(process.env.BENCH_STREAM_SYMBOLS ?? 100);
const TARGET_MS = 2000;
const RUN_TIMEOUT_MS = 120_000;
const API_KEY = "bench-runs-key-0123456789";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function createRun(server: BenchServer, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${server.baseUrl}/v1/backtests`, {
    method: "POST", headers: { "X-API-Key": API_KEY, "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const json = (await res.json()) as { run_id?: string };
  if (res.status !== 201 || typeof json.run_id !== "string") throw new Error(`POST /v1/backtests: ${res.status} ${JSON.stringify(json)}`);
  return json.run_id;
}

interface EndToEnd {
  totalMs: number;
  createMs: number;
  runMs: number;
  resultsMs: number;
  resultsBytes: number;
  events: number;
}

async function endToEnd(server: BenchServer): Promise<EndToEnd> {
  const t0 = performance.now();
  const runId = await createRun(server, bigRunBody(SYMBOLS));
  const t1 = performance.now();
  const stream = await subscribe(server.baseUrl, runId, API_KEY, RUN_TIMEOUT_MS);
  const problems = checkRecords([stream]);
  if (problems.length > 0) throw new Error(`run ${runId}: ${problems.join("; ")}`);
  const t2 = performance.now();
  const res = await fetch(`${server.baseUrl}/v1/backtests/${runId}/results`, { headers: { "X-API-Key": API_KEY } });
  const body = await res.text();
  const t3 = performance.now();
  if (res.status !== 200) throw new Error(`GET results: ${res.status} ${body.slice(0, 300)}`);
  JSON.parse(body);
  return { totalMs: t3 - t0, createMs: t1 - t0, runMs: t2 - t1, resultsMs: t3 - t2, resultsBytes: Buffer.byteLength(body), events: stream.ids.length };
}

async function bareEngineMs(): Promise<number> {
  const request = normalizeBacktestRequest(bigRunBody(SYMBOLS), { runtime: "node", csvAllowed: false, maxSymbols: SYMBOLS });
  const t0 = performance.now();
  await runBacktest({ runId: "bench-bare", request, provider: createSampleProvider() });
  return performance.now() - t0;
}

interface FanOut {
  frames: number;
  perClient: number;
  wallMs: number;
}

async function fanOut(server: BenchServer, runId: string): Promise<FanOut> {
  const t0 = performance.now();
  const records: StreamRecord[] = await Promise.all(Array.from({ length: CLIENTS }, () => subscribe(server.baseUrl, runId, API_KEY, RUN_TIMEOUT_MS)));
  const wallMs = Math.max(...records.map((r) => r.closedAt)) - t0;
  const problems = checkRecords(records);
  if (problems.length > 0) throw new Error(`fan-out of ${runId}: ${problems.slice(0, 5).join("; ")}`);
  const frames = records.reduce((sum, r) => sum + r.ids.length, 0);
  return { frames, perClient: records[0].ids.length, wallMs };
}

function fanOutRow(label: string, f: FanOut): string {
  const total = f.frames / (f.wallMs / 1000);
  return `| ${label} | ${CLIENTS} × ${f.perClient} = ${f.frames} frames in ${ms(f.wallMs)} | ${total.toFixed(0)} events/s (${(total / CLIENTS).toFixed(0)} per client) |`;
}

async function main(): Promise<void> {
  const server = await startNodeServer(API_KEY, { GLOWBACK_MAX_SYMBOLS: String(Math.max(SYMBOLS, 100)) });
  console.log(`server pid ${server.pid} at ${server.baseUrl}`);
  try {
    const warm = await endToEnd(server);
    console.log(`warm-up: ${ms(warm.totalMs)}`);
    const rounds: EndToEnd[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const r = await endToEnd(server);
      rounds.push(r);
      bare.push(await bareEngineMs());
      console.log(`round ${i + 1}: end to end ${ms(r.totalMs)} (create ${ms(r.createMs)}, run ${ms(r.runMs)}, results ${ms(r.resultsMs)}, ${(r.resultsBytes / 1e6).toFixed(2)} MB, ${r.events} events); bare engine ${ms(bare[i])}`);
    }
    const total = median(rounds.map((r) => r.totalMs));
    const engine = median(bare);

    const liveId = await createRun(server, streamRunBody(STREAM_SYMBOLS));
    const live = await fanOut(server, liveId);
    const replay = await fanOut(server, liveId);

    console.log("");
    console.log(`| ${SYMBOLS} symbols × 10 years daily ma_crossover (Node, SQLite) | median of ${ROUNDS} |`);
    console.log("|---|---|");
    console.log(`| end to end: POST → completed (WebSocket) → GET results | ${ms(total)} (target < ${ms(TARGET_MS)}: ${total < TARGET_MS ? "met" : "MISSED"}) |`);
    console.log(`| — create (POST 201) | ${ms(median(rounds.map((r) => r.createMs)))} |`);
    console.log(`| — run (201 → completed) | ${ms(median(rounds.map((r) => r.runMs)))} |`);
    console.log(`| — results fetch | ${ms(median(rounds.map((r) => r.resultsMs)))}, ${(median(rounds.map((r) => r.resultsBytes)) / 1e6).toFixed(2)} MB body |`);
    console.log(`| bare engine (runBacktest in-process, same machine, same run) | ${ms(engine)} — API end to end = ${(total / engine).toFixed(2)} × engine |`);
    console.log("");
    console.log(`| one run (${STREAM_SYMBOLS} symbols, minute bars, 4 months) to ${CLIENTS} WebSocket subscribers | delivered |`);
    console.log("|---|---|");
    console.log(fanOutRow("live, from event 0 while it runs", live));
    console.log(fanOutRow("replay of the completed run", replay));
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
