/** Keys never reach the logs (API spec §2, §6): `redactPath` directly, then over many app requests. */
import { describe, expect, it } from "vitest";
import { loggablePath, redactPath } from "../../src/logging/redact.ts";
import { VALID_KEY, makeApp, parseTextLine, upgradeHeaders } from "../app/helpers.ts";

describe("redactPath", () => {
  it.each([
    ["/p", "/p"],
    ["/p?", "/p?"],
    ["/p?state=running", "/p?state=running"],
    ["/p?api_key=secret", "/p?api_key=[REDACTED]"],
    ["/p?api_key=", "/p?api_key=[REDACTED]"],
    ["/p?api_key", "/p?api_key=[REDACTED]"],
    ["/p?a=1&api_key=secret&b=2", "/p?a=1&api_key=[REDACTED]&b=2"],
    ["/p?api_key=one&api_key=two", "/p?api_key=[REDACTED]&api_key=[REDACTED]"],
    ["/p?API_KEY=secret", "/p?API_KEY=[REDACTED]"],
    ["/p?Api_Key=secret", "/p?Api_Key=[REDACTED]"],
    ["/p?api%5Fkey=secret", "/p?api%5Fkey=[REDACTED]"],
    ["/p?api%5fkey=secret", "/p?api%5fkey=[REDACTED]"],
    ["/p?%61pi_key=secret", "/p?%61pi_key=[REDACTED]"],
    ["/p?api_key=a%3Db%26c", "/p?api_key=[REDACTED]"],
    ["/p?api_key=se=cr=et", "/p?api_key=[REDACTED]"],
    ["/p?api_keys=x&my_api_key=y", "/p?api_keys=x&my_api_key=y"],
    ["/p?last_event_id=3&api_key=s#frag", "/p?last_event_id=3&api_key=[REDACTED]"],
    ["/p?api%ZZkey=x", "/p?api%ZZkey=x"],
  ])("%s ⇒ %s", (input, expected) => {
    expect(redactPath(input)).toBe(expected);
  });

  it("leaves the path part alone", () => {
    expect(redactPath("/v1/backtests/api_key=x/stream?api_key=s")).toBe("/v1/backtests/api_key=x/stream?api_key=[REDACTED]");
  });

  it("loggablePath drops scheme, host and fragment and redacts the query", () => {
    expect(loggablePath(new URL("https://user:pw@example.com:8443/v1/x?api_key=s&b=1#frag"))).toBe("/v1/x?api_key=[REDACTED]&b=1");
  });
});

/** Query pairs of a logged path whose decoded name is `api_key` (case-insensitive). */
function apiKeyPairs(path: string): [string, string][] {
  const query = path.split("?")[1] ?? "";
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      return (eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)]) as [string, string];
    })
    .filter(([name]) => decodeURIComponent(name).toLowerCase() === "api_key");
}

describe("no key value in any log line", () => {
  it("over many requests, transports and sources", async () => {
    const secrets: string[] = [];
    const secret = (label: string) => {
      const value = `s3cr3t-${label}-${secrets.length}-zq`;
      secrets.push(value);
      return value;
    };
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_LOG_LEVEL: "debug" });
    secrets.push(VALID_KEY);
    const streams = ["/v1/backtests/r1/stream", "/backtests/r1/stream"];
    const others = ["/v1/backtests/r1/results", "/backtests", "/v1/backtests/r1/events", "/healthz", "/openapi.json", "/v1/nothing"];
    const queryForms = [
      (k: string) => `api_key=${k}`,
      (k: string) => `API_KEY=${k}`,
      (k: string) => `Api_Key=${k}`,
      (k: string) => `api%5Fkey=${k}`,
      (k: string) => `api%5fkey=${encodeURIComponent(k)}`,
      (k: string) => `api_key=${k}&api_key=${k}-again`,
      (k: string) => `state=queued&api_key=${k}&limit=2`,
      (k: string) => `api_key=${encodeURIComponent(`${k} with space&x=1`)}`,
    ];
    let count = 0;
    for (const path of [...streams, ...others]) {
      for (const form of queryForms) {
        const wrong = secret("query");
        secrets.push(`${wrong}-again`);
        for (const transport of ["http", "sse", "websocket"] as const) {
          const headers: Record<string, string> =
            transport === "websocket" ? upgradeHeaders() : transport === "sse" ? { Accept: "text/event-stream" } : {};
          await h.request(`${path}?${form(wrong)}`, { headers });
          await h.request(`${path}?${form(VALID_KEY)}`, { headers });
          await h.request(`${path}?${form(wrong)}`, { headers: { ...headers, Authorization: `Bearer ${secret("bearer")}` } });
          await h.request(`${path}?${form(wrong)}`, { headers: { ...headers, "X-API-Key": secret("header") } });
          await h.request(path, { headers: { ...headers, Authorization: `Bearer ${VALID_KEY}`, "X-API-Key": secret("both") } });
          await h.request(path, { method: "POST", headers: { ...headers, "X-API-Key": secret("post"), "Content-Type": "application/json" }, body: "{" });
          count += 6;
        }
      }
    }
    expect(count).toBe(8 * 8 * 3 * 6);
    expect(h.events("request")).toHaveLength(count);

    const log = h.lines.join("\n");
    for (const value of secrets) {
      expect(log, value).not.toContain(value);
      expect(log, value).not.toContain(encodeURIComponent(value));
    }
    expect(log).not.toContain("s3cr3t");
    expect(log).not.toContain("zq");

    let redactedPairs = 0;
    for (const record of h.records()) {
      if (typeof record.path !== "string" || !record.path.includes("?")) continue;
      const pairs = apiKeyPairs(record.path);
      for (const [, value] of pairs) expect(value, record.path).toBe("[REDACTED]");
      redactedPairs += pairs.length;
      if (/[?&]api_key=/.test(record.path)) expect(record.path).toContain("api_key=[REDACTED]");
    }
    expect(redactedPairs).toBeGreaterThan(count);
  });

  it("text format is redacted the same way", async () => {
    const h = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_LOG_FORMAT: "text" });
    await h.request("/v1/backtests/r/stream?api_key=s3cr3t-text-zq", { headers: { Accept: "text/event-stream" } });
    await h.request("/v1/backtests/r/stream", { headers: { Accept: "text/event-stream", Authorization: "Bearer s3cr3t-bearer-zq" } });
    expect(h.lines.join("\n")).not.toContain("s3cr3t");
    expect(parseTextLine(h.lines[0]).path).toBe("/v1/backtests/r/stream?api_key=[REDACTED]");
    expect(h.lines[0]).toContain('path="/v1/backtests/r/stream?api_key=[REDACTED]"');
  });
});
