/**
 * One schema for every configuration variable (API spec §8). Hosts read their environment and
 * call `parseConfig` once at start-up; nothing below the entry point reads the environment.
 */
import { z } from "zod";

const DEFAULT_MAX_BODY_BYTES = 1_048_576;

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["", "0", "1", "true", "false", "yes", "no", "on", "off"].includes(v), {
    message: "must be one of true/false, 1/0, yes/no, on/off",
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

/**
 * `GLOWBACK_TRUST_PROXY`: the number of trusted proxies in front of the service, each appending
 * the address it saw to `X-Forwarded-For`. A boolean spelling means one (true) or none (false).
 */
const proxyHops = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["", "true", "false", "yes", "no", "on", "off"].includes(v) || /^(?:[0-9]|10)$/.test(v), {
    message: "must be true/false, yes/no, on/off, or a number of proxy hops 0..10",
  })
  .transform((v) => (["true", "yes", "on"].includes(v) ? 1 : /^\d+$/.test(v) ? Number(v) : 0));

const positiveInt = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a positive integer")
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { message: `must be between 1 and ${max}` });

const ENV_SCHEMA = z.object({
  GLOWBACK_API_KEY: z
    .string()
    .default("")
    .transform((raw) => raw.split(",").map((entry) => entry.trim()).filter((entry) => entry.length > 0))
    .refine((entries) => entries.every((entry) => !/^sha256:/i.test(entry) || /^sha256:[0-9a-fA-F]{64}$/.test(entry)), {
      message: "a sha256: entry must be followed by exactly 64 hex characters",
    }),
  GLOWBACK_MAX_BODY_BYTES: positiveInt(64 * 1_048_576).default(DEFAULT_MAX_BODY_BYTES),
  GLOWBACK_LOG_FORMAT: z.enum(["json", "text"]).default("json"),
  GLOWBACK_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  GLOWBACK_TRUST_PROXY: proxyHops.default(0),
  GLOWBACK_DATA_DIR: z.string().trim().min(1, "must not be empty").default(".data"),
  GLOWBACK_STORAGE: z.enum(["sqlite", "memory"]).default("sqlite"),
  GLOWBACK_MAX_CONCURRENT_RUNS: positiveInt(64).default(2),
  GLOWBACK_MAX_CONCURRENT_OPTIMIZATIONS: positiveInt(64).default(2),
  GLOWBACK_TRIAL_WORKERS: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === "auto" || (/^\d+$/.test(v) && Number(v) <= 128), { message: "must be auto or an integer between 0 and 128" })
    .transform((v): number | "auto" => (v === "auto" ? "auto" : Number(v)))
    .default("auto"),
  GLOWBACK_MAX_SYMBOLS: positiveInt(10_000).default(100),
  GLOWBACK_MAX_SUBSCRIBERS_PER_RUN: positiveInt(1_000_000).default(1000),
  GLOWBACK_MAX_STREAMS_PER_KEY: positiveInt(1_000_000).default(100),
  GLOWBACK_RATE_LIMIT: positiveInt(1_000_000_000).default(100),
  GLOWBACK_RATE_WINDOW: positiveInt(86_400).default(60),
  GLOWBACK_AUTH_FAILURE_LIMIT: positiveInt(1_000_000_000).default(20),
  GLOWBACK_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((raw) => raw.split(",").map((entry) => entry.trim().replace(/\/+$/, "")).filter((entry) => entry.length > 0))
    .refine((entries) => entries.every((entry) => entry === "*" || /^https?:\/\/[^/\s?#]+$/i.test(entry)), {
      message: "each entry must be an origin such as https://app.example.com (scheme://host[:port]) or *",
    }),
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65_535, { message: "must be between 0 and 65535" })
    .default(8787),
  HOST: z.string().trim().min(1, "must not be empty").default("127.0.0.1"),
});

/** Log verbosity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Typed configuration of one GlowBack process or isolate. */
export interface Config {
  /** `GLOWBACK_API_KEY` entries, trimmed, empty ones dropped (keys or `sha256:<hex>` digests); none ⇒ development mode. */
  apiKeys: string[];
  /** Largest accepted request body, bytes. */
  maxBodyBytes: number;
  logFormat: "json" | "text";
  logLevel: LogLevel;
  /**
   * Trusted proxy hops in front of the service (0: `X-Forwarded-For` is ignored). With N, the
   * client is the N-th `X-Forwarded-For` entry from the right: the address the outermost trusted
   * proxy saw (entries further left are whatever the client sent).
   */
  trustProxy: number;
  /** Local hosting: directory of the embedded SQLite database and CSV files. */
  dataDir: string;
  /** Local hosting: `sqlite` (default) or `memory`. */
  storage: "sqlite" | "memory";
  /** Runs executing at once in one process (`GLOWBACK_MAX_CONCURRENT_RUNS`, default 2). */
  maxConcurrentRuns: number;
  /** Optimisations executing at once in one process (`GLOWBACK_MAX_CONCURRENT_OPTIMIZATIONS`, default 2). */
  maxConcurrentOptimizations: number;
  /**
   * Local hosting: worker threads that run optimisation trials (`GLOWBACK_TRIAL_WORKERS`): `auto`
   * (default) is one per CPU core; 0 runs trials in the server's own thread.
   */
  trialWorkers: number | "auto";
  /** Most symbols one backtest request may name (`GLOWBACK_MAX_SYMBOLS`, default 100 as in API spec §7). */
  maxSymbols: number;
  /** Open stream connections (WebSocket and SSE) one run serves at once (`GLOWBACK_MAX_SUBSCRIBERS_PER_RUN`, default 1000). */
  maxSubscribersPerRun: number;
  /** Open stream connections per `key_id` (per client IP in development mode) (`GLOWBACK_MAX_STREAMS_PER_KEY`, default 100). */
  maxStreamsPerKey: number;
  /** Requests per window one key (or, in development mode, one client IP) may make (`GLOWBACK_RATE_LIMIT`, default 100). */
  rateLimit: number;
  /** Seconds in which a rate-limit bucket refills completely (`GLOWBACK_RATE_WINDOW`, default 60). */
  rateWindowSeconds: number;
  /** Failed authentication attempts per window one client IP may make (`GLOWBACK_AUTH_FAILURE_LIMIT`, default 20). */
  authFailureLimit: number;
  /** Origins allowed cross-origin (`GLOWBACK_CORS_ORIGINS`, comma-separated; `*` = any); empty ⇒ no CORS. */
  corsOrigins: string[];
  port: number;
  host: string;
}

/** Thrown when a variable is invalid; the message names the variable and the rule. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Environment values as the host sees them; unset and empty-string values both mean "default" except for keys. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Parses the environment into a `Config`, or throws `ConfigError` naming every invalid variable. */
export function parseConfig(env: EnvSource): Config {
  const input: Record<string, string> = {};
  for (const name of Object.keys(ENV_SCHEMA.shape)) {
    const value = env[name];
    if (typeof value === "string" && (value !== "" || name === "GLOWBACK_API_KEY")) input[name] = value;
  }
  const parsed = ENV_SCHEMA.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = name === "GLOWBACK_API_KEY" ? "" : ` (got ${JSON.stringify(input[name] ?? "")})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const v = parsed.data;
  return {
    apiKeys: v.GLOWBACK_API_KEY,
    maxBodyBytes: v.GLOWBACK_MAX_BODY_BYTES,
    logFormat: v.GLOWBACK_LOG_FORMAT,
    logLevel: v.GLOWBACK_LOG_LEVEL,
    trustProxy: v.GLOWBACK_TRUST_PROXY,
    dataDir: v.GLOWBACK_DATA_DIR,
    storage: v.GLOWBACK_STORAGE,
    maxConcurrentRuns: v.GLOWBACK_MAX_CONCURRENT_RUNS,
    maxConcurrentOptimizations: v.GLOWBACK_MAX_CONCURRENT_OPTIMIZATIONS,
    trialWorkers: v.GLOWBACK_TRIAL_WORKERS,
    maxSymbols: v.GLOWBACK_MAX_SYMBOLS,
    maxSubscribersPerRun: v.GLOWBACK_MAX_SUBSCRIBERS_PER_RUN,
    maxStreamsPerKey: v.GLOWBACK_MAX_STREAMS_PER_KEY,
    rateLimit: v.GLOWBACK_RATE_LIMIT,
    rateWindowSeconds: v.GLOWBACK_RATE_WINDOW,
    authFailureLimit: v.GLOWBACK_AUTH_FAILURE_LIMIT,
    corsOrigins: v.GLOWBACK_CORS_ORIGINS,
    port: v.PORT,
    host: v.HOST,
  };
}
