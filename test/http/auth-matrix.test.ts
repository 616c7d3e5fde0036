/**
 * The credential priority matrix of API spec §2: Bearer × X-API-Key × ?api_key=, each valid,
 * invalid or absent, on a non-stream route, on the SSE stream and on the WebSocket stream.
 * Each source carries a different valid key so the audit line's key_id shows which one won.
 */
import { describe, expect, it } from "vitest";
import { expectedKeyId, makeApp, upgradeHeaders } from "../app/helpers.ts";

type Presence = "valid" | "invalid" | "absent";
type Route = "http" | "sse" | "websocket";

const KEYS = { bearer: "matrix-bearer-key", header: "matrix-header-key", query: "matrix-query-key" } as const;
const ENV = { GLOWBACK_API_KEY: `${KEYS.bearer},${KEYS.header},${KEYS.query}` };
const PRESENCES: Presence[] = ["valid", "invalid", "absent"];
const HEADER_HINT =
  "Invalid or missing API key: the api_key query parameter is accepted only on stream endpoints; send the key in the Authorization: Bearer or X-API-Key header";

interface Case {
  bearer: Presence;
  header: Presence;
  query: Presence;
}

interface Expected {
  allowed: boolean;
  /** Source whose key decided, or null when none counted. */
  winner: keyof typeof KEYS | null;
  invalidToken: boolean;
  message: string;
}

const CASES: Case[] = PRESENCES.flatMap((bearer) =>
  PRESENCES.flatMap((header) => PRESENCES.map((query) => ({ bearer, header, query }))),
);

function expectedFor(c: Case, route: Route): Expected {
  const order: (keyof typeof KEYS)[] = route === "http" ? ["bearer", "header"] : ["bearer", "header", "query"];
  const winner = order.find((source) => c[source] !== "absent") ?? null;
  if (winner !== null && c[winner] === "valid") return { allowed: true, winner, invalidToken: false, message: "" };
  const hint = route === "http" && winner === null && c.query !== "absent";
  return {
    allowed: false,
    winner,
    invalidToken: winner !== null,
    message: hint ? HEADER_HINT : "Invalid or missing API key",
  };
}

function keyFor(source: keyof typeof KEYS, presence: Presence): string | null {
  if (presence === "absent") return null;
  return presence === "valid" ? KEYS[source] : `wrong-${KEYS[source]}`;
}

function buildRequest(c: Case, route: Route): [string, RequestInit] {
  const headers: Record<string, string> = route === "websocket" ? upgradeHeaders() : route === "sse" ? { Accept: "text/event-stream" } : {};
  const bearer = keyFor("bearer", c.bearer);
  const header = keyFor("header", c.header);
  const query = keyFor("query", c.query);
  if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
  if (header !== null) headers["X-API-Key"] = header;
  const base = route === "http" ? "/v1/backtests/x/results" : "/v1/backtests/x/stream";
  return [query === null ? base : `${base}?api_key=${query}`, { headers }];
}

const label = (c: Case) => `Bearer ${c.bearer} × X-API-Key ${c.header} × ?api_key ${c.query}`;

describe.each(["http", "sse"] as const)("priority matrix over %s", (route) => {
  it.each(CASES.map((c) => [label(c), c] as const))("%s", async (_label, c) => {
    const h = makeApp(ENV);
    const [path, init] = buildRequest(c, route);
    const res = await h.request(path, init);
    const expected = expectedFor(c, route);
    const body = await res.json();
    const [audit] = h.events("auth");
    expect(h.events("auth")).toHaveLength(1);
    expect(audit.transport).toBe(route);
    expect(audit.key_status).toBe(expected.winner === null ? "absent" : "present");
    if (expected.allowed) {
      expect(res.status).toBe(404);
      if (route === "sse") expect(body.error.message).toBe("Run not found");
      expect(res.headers.get("www-authenticate")).toBeNull();
      expect(audit.outcome).toBe("allowed");
      expect(audit.level).toBe("info");
      expect(audit.key_id).toBe(expectedKeyId(KEYS[expected.winner!]));
    } else {
      expect(res.status).toBe(401);
      expect(body.error).toEqual({ code: "unauthorized", message: expected.message, details: null });
      expect(res.headers.get("www-authenticate")).toBe(
        expected.invalidToken ? 'Bearer realm="glowback", error="invalid_token"' : 'Bearer realm="glowback"',
      );
      expect(audit.outcome).toBe("denied");
      expect(audit.level).toBe("warn");
      expect(audit).not.toHaveProperty("key_id");
    }
  });
});

describe("priority matrix over websocket", () => {
  it.each(CASES.map((c) => [label(c), c] as const))("%s", async (_label, c) => {
    const h = makeApp(ENV);
    const [path, init] = buildRequest(c, "websocket");
    const res = await h.request(path, init);
    const expected = expectedFor(c, "websocket");
    expect(res.status).toBe(200);
    expect(h.sockets).toHaveLength(1);
    const [socket] = h.sockets;
    expect(socket.sent).toEqual([]);
    expect(socket.closed).toEqual(expected.allowed ? { code: 4404, reason: "Run not found" } : { code: 1008, reason: "Invalid or missing API key" });
    const [audit] = h.events("auth");
    expect(audit).toMatchObject({ transport: "websocket", outcome: expected.allowed ? "allowed" : "denied" });
    if (expected.allowed) expect(audit.key_id).toBe(expectedKeyId(KEYS[expected.winner!]));
  });
});

describe("Authorization header forms", () => {
  const h = makeApp(ENV);
  const PATH = "/v1/backtests/x/results";
  const status = async (headers: Record<string, string>) => (await h.request(PATH, { headers })).status;

  it.each([
    ["bearer (lower case)", `bearer ${KEYS.bearer}`],
    ["BEARER (upper case)", `BEARER ${KEYS.bearer}`],
    ["BeArEr (mixed case)", `BeArEr ${KEYS.bearer}`],
    ["surrounding whitespace", `   Bearer    ${KEYS.bearer}   `],
    ["tab separated", `Bearer\t${KEYS.bearer}`],
  ])("accepts %s", async (_name, value) => {
    expect(await status({ Authorization: value })).toBe(404);
  });

  it("trims X-API-Key", async () => {
    expect(await status({ "X-API-Key": `   ${KEYS.header}   ` })).toBe(404);
  });

  it.each([
    ["Basic", `Basic ${btoa(`user:${KEYS.bearer}`)}`],
    ["Basic with the raw key", `Basic ${KEYS.bearer}`],
    ["Bearer with empty token", "Bearer"],
    ["Bearer with blank token", "Bearer     "],
    ["Token scheme", `Token ${KEYS.bearer}`],
    ["Bearer without a space", `Bearer${KEYS.bearer}`],
  ])("%s counts as absent: falls through to a valid X-API-Key", async (_name, value) => {
    expect(await status({ Authorization: value, "X-API-Key": KEYS.header })).toBe(404);
    const audit = h.events("auth").at(-1)!;
    expect(audit.key_id).toBe(expectedKeyId(KEYS.header));
  });

  it.each([
    ["Basic", `Basic ${btoa(`user:${KEYS.bearer}`)}`],
    ["Bearer with empty token", "Bearer"],
  ])("%s alone is a missing key (no invalid_token)", async (_name, value) => {
    const res = await h.request(PATH, { headers: { Authorization: value } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback"');
    expect(h.events("auth").at(-1)!.key_status).toBe("absent");
  });

  it("an empty X-API-Key counts as absent and falls through to ?api_key on a stream", async () => {
    const res = await h.request(`/v1/backtests/x/stream?api_key=${KEYS.query}`, {
      headers: { "X-API-Key": "   ", Accept: "text/event-stream" },
    });
    expect(res.status).toBe(404);
    expect(h.events("auth").at(-1)!.key_id).toBe(expectedKeyId(KEYS.query));
  });

  it("a wrong Bearer never falls through to a valid X-API-Key or ?api_key", async () => {
    const res = await h.request(`/v1/backtests/x/stream?api_key=${KEYS.query}`, {
      headers: { Authorization: "Bearer bad", "X-API-Key": KEYS.header, Accept: "text/event-stream" },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback", error="invalid_token"');
  });

  it("a key differing only in case or with an extra word is wrong", async () => {
    expect(await status({ Authorization: `Bearer ${KEYS.bearer.toUpperCase()}` })).toBe(401);
    expect(await status({ Authorization: `Bearer ${KEYS.bearer} extra` })).toBe(401);
  });
});

describe("?api_key= outside stream routes", () => {
  it.each([
    ["/v1/backtests/x/results", 401],
    ["/backtests/x/results", 401],
    ["/v1/backtests", 401],
    ["/v1/backtests/x/stream", 404],
    ["/backtests/x/stream", 404],
  ])("GET %s?api_key=<valid> ⇒ %i", async (path, expected) => {
    const h = makeApp(ENV);
    const res = await h.request(`${path}?api_key=${KEYS.query}`, { headers: { Accept: "text/event-stream" } });
    expect(res.status).toBe(expected);
    if (expected === 401) {
      const body = await res.json();
      const message = path.startsWith("/v1") ? body.error.message : body.detail;
      expect(message).toBe(HEADER_HINT);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="glowback"');
    }
  });
});
