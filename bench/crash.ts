/**
 * `npm run crash` (issue 5 §6): SIGKILL the Node host 20 times in a row at seeded random moments
 * while runs are created and executing, restart it each time on the same SQLite file, then check
 * that every accepted run completed with its clean `content_hash`, gap-free event ids, one
 * terminal state and monotone progress, and that the file passes `PRAGMA integrity_check`.
 * Loopback only; servers are stopped by process group; exits 1 on any finding.
 * Options (env): CRASH_ITERATIONS (20), CRASH_SEED (random, printed), CRASH_MIN_DELAY_MS (200),
 * CRASH_MAX_DELAY_MS (2500).
 */
import { randomInt } from "node:crypto";
import { runCrashLoop } from "./crash/crash-loop.ts";
import { printCrashReport } from "./crash/crash-report.ts";

const iterations = Number(process.env.CRASH_ITERATIONS ?? 20);
const seed = process.env.CRASH_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.CRASH_SEED);
const delayMs: [number, number] = [Number(process.env.CRASH_MIN_DELAY_MS ?? 200), Number(process.env.CRASH_MAX_DELAY_MS ?? 2500)];

console.log(`crash loop: ${iterations} kills, seed ${seed} (replay with CRASH_SEED=${seed}), delay ${delayMs[0]}..${delayMs[1]} ms`);
const report = await runCrashLoop({ iterations, seed, delayMs, log: (line) => console.log(`  ${line}`) });
const passed = printCrashReport(report, iterations);
process.exit(passed ? 0 : 1);
