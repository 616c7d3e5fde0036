/**
 * Creates a backtest with the typed client and prints its progress live until it ends:
 *
 *   GLOWBACK_URL=http://127.0.0.1:8787 GLOWBACK_API_KEY=… npx tsx examples/stream-run.ts
 *   GLOWBACK_URL=… GLOWBACK_API_KEY=… deno run --allow-net --allow-env --allow-read examples/stream-run.ts
 *
 * Node 20 has no global `WebSocket`, so `ws` is passed in there; Deno and browsers use their own.
 */
import { RunStreamError, createGlowBackClient, streamRun } from "../src/client/index.ts";
import type { WebSocketConstructorLike } from "../src/client/index.ts";

const baseUrl = process.env.GLOWBACK_URL ?? "http://127.0.0.1:8787";
const apiKey = process.env.GLOWBACK_API_KEY || undefined;
const WebSocket = (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket ?? (await import("ws")).default;

const client = createGlowBackClient({ baseUrl, apiKey });
const run = await client.createBacktest({
  symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample", resolution: "day",
  strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } },
});
console.log(`run ${run.run_id}: ${run.state}`);

const stream = streamRun({
  baseUrl, apiKey, runId: run.run_id, WebSocket,
  onEvent(event) {
    if (event.type === "progress") console.log(`progress ${Math.round(Number(event.payload.progress) * 100)} %`);
    if (event.type === "state") console.log(`state ${String(event.payload.state)}`);
  },
  onState: (state) => state === "reconnecting" && console.log("connection lost; resuming…"),
});

try {
  const terminal = await stream.done;
  if (terminal.payload.state === "completed") {
    const result = await client.results(run.run_id);
    console.log(`total return: ${result.metrics_summary.total_return}`);
  }
} catch (error) {
  if (!(error instanceof RunStreamError)) throw error;
  console.error(`stream ended: ${error.kind} (${error.message})`);
  process.exitCode = 1;
}
