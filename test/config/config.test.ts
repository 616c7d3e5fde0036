import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

function configError(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("parseConfig defaults (API spec §8)", () => {
  it("gives every default for an empty environment", () => {
    expect(parseConfig({})).toEqual({
      apiKeys: [],
      maxBodyBytes: 1_048_576,
      logFormat: "json",
      logLevel: "info",
      trustProxy: 0,
      dataDir: ".data",
      storage: "sqlite",
      maxConcurrentRuns: 2,
      maxConcurrentOptimizations: 2,
      trialWorkers: "auto",
      maxSymbols: 100,
      maxSubscribersPerRun: 1000,
      maxStreamsPerKey: 100,
      rateLimit: 100,
      rateWindowSeconds: 60,
      authFailureLimit: 20,
      corsOrigins: [],
      port: 8787,
      host: "127.0.0.1",
    });
  });

  it("treats empty strings as unset for every variable except the key list", () => {
    const config = parseConfig({ GLOWBACK_MAX_BODY_BYTES: "", GLOWBACK_LOG_FORMAT: "", PORT: "", HOST: "", GLOWBACK_API_KEY: "" });
    expect(config.maxBodyBytes).toBe(1_048_576);
    expect(config.logFormat).toBe("json");
    expect(config.port).toBe(8787);
    expect(config.host).toBe("127.0.0.1");
    expect(config.apiKeys).toEqual([]);
  });

  it("reads every valid value", () => {
    const config = parseConfig({
      GLOWBACK_API_KEY: "k1",
      GLOWBACK_MAX_BODY_BYTES: "2048",
      GLOWBACK_LOG_FORMAT: "text",
      GLOWBACK_LOG_LEVEL: "warn",
      GLOWBACK_TRUST_PROXY: "true",
      GLOWBACK_DATA_DIR: "/tmp/gb",
      GLOWBACK_STORAGE: "memory",
      GLOWBACK_MAX_CONCURRENT_RUNS: "4",
      GLOWBACK_MAX_CONCURRENT_OPTIMIZATIONS: "3",
      GLOWBACK_TRIAL_WORKERS: "0",
      GLOWBACK_MAX_SYMBOLS: "500",
      PORT: "0",
      HOST: "0.0.0.0",
    });
    expect(config).toEqual({
      apiKeys: ["k1"],
      maxBodyBytes: 2048,
      logFormat: "text",
      logLevel: "warn",
      trustProxy: 1,
      dataDir: "/tmp/gb",
      storage: "memory",
      maxConcurrentRuns: 4,
      maxConcurrentOptimizations: 3,
      trialWorkers: 0,
      maxSymbols: 500,
      maxSubscribersPerRun: 1000,
      maxStreamsPerKey: 100,
      rateLimit: 100,
      rateWindowSeconds: 60,
      authFailureLimit: 20,
      corsOrigins: [],
      port: 0,
      host: "0.0.0.0",
    });
  });

  it.each([
    ["true", 1], ["1", 1], ["yes", 1], ["on", 1], ["TRUE", 1], ["2", 2], ["10", 10],
    ["false", 0], ["0", 0], ["no", 0], ["off", 0], ["", 0],
  ])("GLOWBACK_TRUST_PROXY=%s ⇒ %s trusted hops", (raw, expected) => {
    expect(parseConfig({ GLOWBACK_TRUST_PROXY: raw }).trustProxy).toBe(expected);
  });
});

describe("GLOWBACK_API_KEY list (API spec §2)", () => {
  it("trims entries and drops empty ones", () => {
    expect(parseConfig({ GLOWBACK_API_KEY: " a , ,b " }).apiKeys).toEqual(["a", "b"]);
    expect(parseConfig({ GLOWBACK_API_KEY: ",,  ,," }).apiKeys).toEqual([]);
  });

  it("accepts sha256 digest entries in lower- and upper-case hex", () => {
    const lower = `sha256:${"ab".repeat(32)}`;
    const upper = `sha256:${"CD".repeat(32)}`;
    expect(parseConfig({ GLOWBACK_API_KEY: `${lower}, ${upper}` }).apiKeys).toEqual([lower, upper]);
  });

  it.each([
    ["too short", "sha256:abc"],
    ["non-hex", `sha256:${"zz".repeat(32)}`],
    ["too long", `sha256:${"ab".repeat(33)}`],
    ["empty digest", "sha256:"],
  ])("rejects a malformed digest entry (%s) naming the variable and echoing no key", (_name, entry) => {
    const secret = "plain-secret-key-123";
    const error = configError({ GLOWBACK_API_KEY: `${secret},${entry}` });
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain("GLOWBACK_API_KEY");
    expect(error.message).not.toContain(secret);
    const digestPart = entry.slice("sha256:".length);
    if (digestPart.length > 0) expect(error.message).not.toContain(digestPart);
  });
});

describe("invalid configuration stops start-up naming the variable", () => {
  it.each([
    ["GLOWBACK_MAX_BODY_BYTES", "abc"],
    ["GLOWBACK_MAX_BODY_BYTES", "0"],
    ["GLOWBACK_MAX_BODY_BYTES", "-5"],
    ["GLOWBACK_MAX_BODY_BYTES", "1.5"],
    ["GLOWBACK_LOG_FORMAT", "xml"],
    ["GLOWBACK_LOG_LEVEL", "verbose"],
    ["GLOWBACK_TRUST_PROXY", "maybe"],
    ["GLOWBACK_TRUST_PROXY", "11"],
    ["GLOWBACK_TRUST_PROXY", "-1"],
    ["PORT", "70000"],
    ["PORT", "http"],
    ["GLOWBACK_STORAGE", "redis"],
    ["GLOWBACK_MAX_CONCURRENT_OPTIMIZATIONS", "0"],
    ["GLOWBACK_TRIAL_WORKERS", "many"],
    ["GLOWBACK_TRIAL_WORKERS", "129"],
    ["GLOWBACK_TRIAL_WORKERS", "-1"],
  ])("%s=%s", (name, value) => {
    const error = configError({ [name]: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(name);
  });

  it("names every invalid variable at once", () => {
    const error = configError({ PORT: "70000", GLOWBACK_LOG_LEVEL: "verbose" });
    expect(error.message).toContain("PORT");
    expect(error.message).toContain("GLOWBACK_LOG_LEVEL");
  });

  it("GLOWBACK_TRIAL_WORKERS takes auto (any case) or 0..128", () => {
    expect(parseConfig({ GLOWBACK_TRIAL_WORKERS: " AUTO " }).trialWorkers).toBe("auto");
    expect(parseConfig({ GLOWBACK_TRIAL_WORKERS: "0" }).trialWorkers).toBe(0);
    expect(parseConfig({ GLOWBACK_TRIAL_WORKERS: "128" }).trialWorkers).toBe(128);
  });

  it("accepts the boundary values 1 byte and port 65535", () => {
    expect(parseConfig({ GLOWBACK_MAX_BODY_BYTES: "1" }).maxBodyBytes).toBe(1);
    expect(parseConfig({ PORT: "65535" }).port).toBe(65_535);
  });
});
