/**
 * One soak: starts the Node host (SQLite in a temporary directory), runs every traffic loop
 * against it until the deadline while sampling the server's RSS each second, waits for the
 * loops to wind down, and stops the server by its PID.
 */
import { startNodeServer } from "../runs/node-server.ts";
import { generousLimitsEnv } from "../crash/server-env.ts";
import type { RssSample } from "./rss-sampler.ts";
import { startRssSampler } from "./rss-sampler.ts";
import { SoakContext } from "./soak-context.ts";
import { badKeyLoop, creatorLoop, listerLoop, streamCreatorLoop, subscriberLoop } from "./traffic.ts";

/** Options of one soak. */
export interface SoakOptions {
  durationS: number;
  subscribers: number;
  creators: number;
}

/** What a soak measured. */
export interface SoakOutcome {
  ctx: SoakContext;
  rss: RssSample[];
  /** Wall time from the first request to the last loop's end, seconds. */
  elapsedS: number;
}

const API_KEY = "soak-key-7d41c0a9e2";

/** Runs the soak; the server is always stopped. */
export async function runSoak(options: SoakOptions): Promise<SoakOutcome> {
  const server = await startNodeServer(API_KEY, generousLimitsEnv());
  try {
    const t0 = performance.now();
    const ctx = new SoakContext(server.baseUrl, API_KEY, t0 + options.durationS * 1000);
    const sampler = startRssSampler(server.pid);
    const loops = [
      streamCreatorLoop(ctx),
      listerLoop(ctx),
      badKeyLoop(ctx),
      ...Array.from({ length: options.creators }, (_, i) => creatorLoop(ctx, i, options.creators)),
      ...Array.from({ length: options.subscribers }, () => subscriberLoop(ctx)),
    ];
    await Promise.all(loops);
    const elapsedS = (performance.now() - t0) / 1000;
    return { ctx, rss: sampler.stop(), elapsedS };
  } finally {
    await server.stop();
  }
}
