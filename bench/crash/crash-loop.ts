/**
 * The crash loop (issue 5 §6): start the Node host on a SQLite file, keep creating runs, SIGKILL
 * the server's process group after a seeded random delay (half of the kills aimed at a create
 * in flight), restart it on the same `GLOWBACK_DATA_DIR`, `iterations` times; then let
 * everything finish on a last server and verify it (see `verifyAfterCrashes`).
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { nodeServer, removeScratchDir } from "../../test/support/host-servers.ts";
import type { RunningServer } from "../../test/support/server-process.ts";
import { startServer } from "../../test/support/server-process.ts";
import { DATABASE_FILE } from "../../src/runtime/sqlite/open-local-database.ts";
import { ApiClient } from "./api-client.ts";
import { CRASH_BODIES, expectedHashes } from "./crash-bodies.ts";
import type { AcceptedRun } from "./creator.ts";
import { startCreator } from "./creator.ts";
import { integrityCheck } from "./integrity.ts";
import { randomInt, seededRandom } from "./prng.ts";
import { generousLimitsEnv } from "./server-env.ts";
import type { Verification } from "./verify-runs.ts";
import { verifyAfterCrashes } from "./verify-runs.ts";

/** Options of one crash loop. */
export interface CrashLoopOptions {
  iterations: number;
  seed: number;
  /** Range of the random delay between a server's start and its kill, ms. */
  delayMs: [number, number];
  /** Pause between two creates, ms. */
  pauseMs?: [number, number];
  /** Time the last server gets to finish every run, ms. */
  finishTimeoutMs?: number;
  /** Which kills wait for a create to be sent (default: a seeded coin flip per kill). */
  aimAtCreate?: (lifetime: number) => boolean;
  /** Progress lines (one per kill). */
  log?: (line: string) => void;
}

/** One kill. */
export interface KillRecord {
  lifetime: number;
  delayMs: number;
  /** Whether this kill waited for a create to be sent. */
  aimedAtCreate: boolean;
  /** Creates in flight at the moment of the kill. */
  createsInFlight: number;
  /** Runs accepted by this server lifetime. */
  accepted: number;
  /** Time from spawn to `/healthz` 200 of this lifetime, ms. */
  startMs: number;
}

/** What the loop did and found. */
export interface CrashReport extends Verification {
  seed: number;
  kills: KillRecord[];
  /** Creates whose connection the kill cut (no 201 seen). */
  createsCut: number;
  /** Non-201 answers to creates (should be none). */
  refused: number[];
  /** `PRAGMA integrity_check` after the last stop. */
  integrity: string;
  totalMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** State carried across server lifetimes. */
interface Loop {
  options: CrashLoopOptions;
  client: ApiClient;
  delays: () => number;
  pauses: () => number;
  accepted: AcceptedRun[];
  refused: number[];
  createsCut: number;
}

/** One lifetime: creates runs on `server` and SIGKILLs its group at a seeded moment. */
async function killOnce(loop: Loop, server: RunningServer, lifetime: number, startMs: number): Promise<KillRecord> {
  const { options, delays, accepted } = loop;
  const before = accepted.length;
  const creator = startCreator(loop.client, CRASH_BODIES, accepted, lifetime, loop.pauses, options.pauseMs ?? [60, 300]);
  const delayMs = randomInt(delays, options.delayMs[0], options.delayMs[1]);
  const coin = delays() < 0.5;
  const aimedAtCreate = options.aimAtCreate?.(lifetime) ?? coin;
  const afterSendMs = randomInt(delays, 0, 15);
  await sleep(delayMs);
  // A few ms after the send, the request is usually inside the server's create.
  if (aimedAtCreate) await Promise.race([creator.nextCreateSent().then(() => sleep(afterSendMs)), sleep(2_000)]);
  const createsInFlight = creator.inFlight();
  await server.kill();
  const outcome = await creator.stop();
  loop.createsCut += outcome.cut;
  loop.refused.push(...outcome.refused);
  const kill = { lifetime, delayMs, aimedAtCreate, createsInFlight, accepted: accepted.length - before, startMs };
  options.log?.(`kill ${lifetime + 1}/${options.iterations}: after ${delayMs} ms${aimedAtCreate ? " (aimed at a create)" : ""}, ${createsInFlight} create(s) in flight, ${kill.accepted} run(s) accepted, start took ${startMs.toFixed(0)} ms`);
  return kill;
}

/** Runs the loop; always stops its servers and removes the data directory. */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashReport> {
  const t0 = performance.now();
  const apiKey = `crash-loop-${randomUUID()}`;
  const spec = nodeServer({ apiKey, env: { ...generousLimitsEnv(), GLOWBACK_LOG_LEVEL: "warn" } });
  const hashes = expectedHashes(CRASH_BODIES);
  let server: RunningServer | undefined;
  const client = new ApiClient(() => server?.baseUrl ?? "http://127.0.0.1:9", apiKey);
  const loop: Loop = {
    options, client, delays: seededRandom(options.seed), pauses: seededRandom(options.seed ^ 0x5bd1e995), accepted: [], refused: [], createsCut: 0,
  };
  const kills: KillRecord[] = [];
  try {
    for (let lifetime = 0; lifetime < options.iterations; lifetime++) {
      const startedAt = performance.now();
      server = await startServer(spec);
      kills.push(await killOnce(loop, server, lifetime, performance.now() - startedAt));
    }
    server = await startServer(spec);
    const verification = await verifyAfterCrashes(client, loop.accepted, await hashes, options.finishTimeoutMs ?? 180_000);
    await server.stop();
    const integrity = integrityCheck(join(spec.scratchDir ?? "", DATABASE_FILE));
    return { seed: options.seed, kills, createsCut: loop.createsCut, refused: loop.refused, integrity, ...verification, totalMs: performance.now() - t0 };
  } finally {
    await server?.stop();
    removeScratchDir(spec);
  }
}
