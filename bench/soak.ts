/**
 * `npm run soak` (issue 5 §5): about a minute of mixed traffic against the real Node host on
 * loopback (SQLite in a temporary directory, one key): small runs created, polled to the end and
 * their results read; minute-bar runs followed live by 200 WebSocket subscribers from
 * `last_event_id=0` (reconnecting with `last_event_id` on 1013) and compared with the stored
 * `/events` log; list reads; wrong, missing and wrong-scheme credentials. Prints throughput,
 * p50/p99 per request kind, 5xx, events lost and the server's RSS (sampled each second from
 * `/proc/<pid>/status`), then PASS/FAIL per target; exits 1 on any FAIL. Bounded: loops stop at
 * the deadline; the server is stopped by PID.
 * Options (env): SOAK_SECONDS (60), SOAK_WARMUP_SECONDS (15), SOAK_SUBSCRIBERS (200), SOAK_CREATORS (4).
 */
import { printSoakReport } from "./soak/soak-report.ts";
import { runSoak } from "./soak/soak-run.ts";

const durationS = Number(process.env.SOAK_SECONDS ?? 60);
const warmupS = Number(process.env.SOAK_WARMUP_SECONDS ?? Math.min(15, durationS / 4));
const subscribers = Number(process.env.SOAK_SUBSCRIBERS ?? 200);
const creators = Number(process.env.SOAK_CREATORS ?? 4);

console.log(`soak: ${durationS} s (warm-up ${warmupS} s), ${subscribers} WebSocket subscribers, ${creators} creators, loopback Node host`);
const outcome = await runSoak({ durationS, subscribers, creators });
process.exit(printSoakReport(outcome, warmupS, durationS) ? 0 : 1);
