/**
 * Entry of a trial worker thread (Node through `trial-worker-bootstrap.mjs`, Deno directly): keeps
 * the packed data of the optimisations it was sent and runs one trial at a time with `runTrial`
 * over it, yielding between slices so a `cancel` is handled mid-trial.
 */
import { parentPort, workerData } from "node:worker_threads";
import { setImmediate as nextTurn } from "node:timers/promises";
import { runTrial } from "../../../engine/index.ts";
import type { OptimizationRequest, TrialSpec } from "../../../engine/index.ts";
import { createNodeHasher } from "../node-hasher.ts";
import type { FromWorker, ToWorker, TrialThreadOptions } from "./protocol.ts";
import { TEST_HOOK_PREFIX } from "./protocol.ts";
import { createSharedDataProvider } from "./shared-data-provider.ts";
import type { TrialData } from "./trial-data.ts";

const port = parentPort;
if (port === null) throw new Error("trial-worker.ts runs only as a worker thread");
const options = workerData as TrialThreadOptions;
const datasets = new Map<string, TrialData>();
const running = new Map<number, AbortController>();

const post = (message: FromWorker): void => port.postMessage(message);
const clock = (): number => performance.timeOrigin + performance.now();

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "data":
      datasets.set(message.key, message.data);
      break;
    case "drop":
      datasets.delete(message.key);
      break;
    case "cancel":
      running.get(message.id)?.abort(new Error("cancelled"));
      break;
    case "run":
      void run(message.id, message.key, message.request, message.spec);
      break;
  }
});
post({ type: "ready" });

async function run(id: number, key: string, request: OptimizationRequest, spec: TrialSpec): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  const startedAt = clock();
  post({ type: "started", id, at: startedAt });
  try {
    if (options.testHooks && key.startsWith(TEST_HOOK_PREFIX)) await testHook(key.slice(TEST_HOOK_PREFIX.length), controller.signal);
    const data = datasets.get(key);
    if (data === undefined) throw new Error(`trial pool: no data for optimisation ${key} in this thread`);
    const result = await runTrial(spec, {
      request, provider: createSharedDataProvider(data), signal: controller.signal, now: Date.now,
      yieldControl: () => nextTurn(), createHasher: options.hasher === "native" ? createNodeHasher : undefined,
    });
    post({ type: "done", id, result, startedAt, finishedAt: clock() });
  } catch (error) {
    if (controller.signal.aborted) post({ type: "cancelled", id });
    else post({ type: "failed", id, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } finally {
    running.delete(id);
  }
}

/** Failure modes for the pool's tests; only reachable with `testHooks`. */
async function testHook(hook: string, signal: AbortSignal): Promise<void> {
  const [name, arg] = hook.split(":");
  if (name === "exit") process.exit(Number(arg));
  if (name === "throw") setTimeout(() => { throw new Error("test hook: uncaught error in a trial thread"); });
  if (name === "spin") {
    const until = Date.now() + Number(arg);
    while (Date.now() < until) { /* blocks the thread, so a cancel cannot be handled */ }
  }
  while (name === "hold" || name === "throw") {
    signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
