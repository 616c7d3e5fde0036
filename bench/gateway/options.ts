/**
 * Options of `npm run bench:gateway`, from flags (`--rounds 3`, `--rounds=3`, `--quick`) with
 * `GATEWAY_BENCH_*` environment variables as fallbacks. Every value is bounded so a run is too.
 */

/** A validated benchmark configuration. */
export interface BenchOptions {
  /** Measured rounds per target (each target once per round, interleaved). */
  rounds: number;
  /** Seconds of load per target per round. */
  durationSec: number;
  /** Seconds of unmeasured load per target before round 1. */
  warmupSec: number;
  /** Concurrent keep-alive connections of the load generator. */
  connections: number;
  /** Also measure the full stack with `GLOWBACK_LOG_LEVEL=warn`. */
  warnVariant: boolean;
  /** Where the children's stdout goes: a file path, `/dev/null`, or null for a file in the run's temp dir. */
  logFile: string | null;
  /** Write a `--cpu-prof` profile of each full-stack child into this directory. */
  cpuProfDir: string | null;
  /** Required full/bare ratio for the authenticated row. */
  target: number;
}

/** Seconds of load the default run aims at (measured rounds plus warm-up); start-up and stops add ≈ 8 s. */
export const DEFAULT_BUDGET_SEC = 34;

const FLAG_NAMES = ["rounds", "duration", "warmup", "connections", "budget", "log-file", "cpu-prof-dir", "target"] as const;
type ValueFlag = (typeof FLAG_NAMES)[number];

/** Thrown for an unknown flag or an out-of-range value; the message says which. */
export class BenchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchOptionsError";
  }
}

function readArgs(argv: readonly string[]): { values: Map<ValueFlag, string>; switches: Set<string> } {
  const values = new Map<ValueFlag, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new BenchOptionsError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === "quick" || name === "no-warn" || name === "warn") {
      switches.add(name);
    } else if ((FLAG_NAMES as readonly string[]).includes(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new BenchOptionsError(`--${name} needs a value`);
      values.set(name as ValueFlag, value);
    } else {
      throw new BenchOptionsError(`unknown flag --${name}`);
    }
  }
  return { values, switches };
}

function numberIn(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new BenchOptionsError(`${name} must be a number between ${min} and ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/** Number of targets measured: bare, Hono floor, authenticated and health at info, and the warn variant. */
export function targetCount(options: Pick<BenchOptions, "warnVariant">): number {
  return options.warnVariant ? 5 : 4;
}

/**
 * Parses flags and environment. Without `--duration`, the per-round duration is derived from the
 * budget (default 34 s of load, ≈ 42 s in all) and clamped to 1–3 s; `--quick` means 2 rounds × 1 s,
 * 0.5 s warm-up, no warn variant (≈ 10 s of load).
 */
export function parseBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions {
  const { values, switches } = readArgs(argv);
  const pick = (flag: ValueFlag, envName: string) => values.get(flag) ?? env[envName];
  const quick = switches.has("quick") || ["1", "true", "yes"].includes((env.GATEWAY_BENCH_QUICK ?? "").toLowerCase());
  const warnEnv = (env.GATEWAY_BENCH_WARN ?? "").toLowerCase();
  const warnVariant = switches.has("warn") || (!switches.has("no-warn") && !quick && !["0", "false", "no"].includes(warnEnv));
  const rounds = Math.round(numberIn("rounds", pick("rounds", "GATEWAY_BENCH_ROUNDS"), quick ? 2 : 5, 1, 20));
  const warmupSec = numberIn("warmup", pick("warmup", "GATEWAY_BENCH_WARMUP"), quick ? 0.5 : 0.8, 0, 10);
  const budgetSec = numberIn("budget", pick("budget", "GATEWAY_BENCH_BUDGET"), DEFAULT_BUDGET_SEC, 5, 600);
  const targets = targetCount({ warnVariant });
  const derived = quick ? 1 : Math.min(3, Math.max(1, budgetSec / targets / rounds - warmupSec / rounds));
  const durationSec = numberIn("duration", pick("duration", "GATEWAY_BENCH_DURATION"), Math.round(derived * 10) / 10, 0.5, 30);
  return {
    rounds,
    durationSec,
    warmupSec,
    connections: Math.round(numberIn("connections", pick("connections", "GATEWAY_BENCH_CONNECTIONS"), 50, 1, 1000)),
    warnVariant,
    logFile: pick("log-file", "GATEWAY_BENCH_LOG_FILE") ?? null,
    cpuProfDir: pick("cpu-prof-dir", "GATEWAY_BENCH_CPU_PROF_DIR") ?? null,
    target: numberIn("target", pick("target", "GATEWAY_BENCH_TARGET"), 0.6, 0, 10),
  };
}
