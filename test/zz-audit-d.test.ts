import { it } from "vitest";
import { makeApp, VALID_KEY, WRONG_KEY } from "./app/helpers.ts";
import { AUTH, sampleBody } from "./routes/backtests/run-client.ts";
const log = (...a: unknown[]) => console.log(...a.map((x) => (typeof x === "string" ? x : JSON.stringify(x))));

it("openapi + validation + audit gaps", async () => {
  const h = makeApp();
  const doc = await (await h.request("/openapi.json")).json() as any;
  log("openapi", doc.openapi, Object.keys(doc.paths), Object.keys(doc.components?.securitySchemes ?? {}), doc.security);
  for (const [p, ops] of Object.entries<any>(doc.paths)) for (const [m, op] of Object.entries<any>(ops)) log(m, p, JSON.stringify(op.security));
  const post = async (label: string, body: unknown) => {
    const res = await h.request("/v1/backtests", { method: "POST", headers: AUTH, body: JSON.stringify(body) });
    log(label, res.status, res.status === 201 ? "" : (await res.text()).slice(0, 400));
  };
  await post("cap 1e12", sampleBody({ initial_capital: 1e12 }));
  await post("cap 1e12+1", sampleBody({ initial_capital: 1e12 + 1 }));
  await post("cap -1", sampleBody({ initial_capital: -1 }));
  await post("101 symbols", sampleBody({ symbols: Array.from({ length: 101 }, (_, i) => `S${i}`) }));
  await post("100 symbols", sampleBody({ symbols: Array.from({ length: 100 }, (_, i) => `S${i}`), benchmark_symbol: null }));
  await post("unknown strategy", sampleBody({ strategy: { name: "nope", params: {} } }));
  await post("unknown param", sampleBody({ strategy: { name: "ma_crossover", params: { bogus: 1 } } }));
  await post("resolution bad", sampleBody({ resolution: "week" }));
  await post("unknown symbol sample", sampleBody({ symbols: ["ZZZZZZ"] }));
  await post("unknown symbol dataset", sampleBody({ data_source: "dataset", symbols: ["QQQQ"], benchmark_symbol: null }));
  await post("csv", sampleBody({ data_source: "csv", symbols: ["AAPL"], benchmark_symbol: null }));
  await post("end == start", sampleBody({ start_date: "2022-01-01", end_date: "2022-01-01" }));
  await post("unknown top field", sampleBody({ foo: 1 }));
  await post("dup symbol", sampleBody({ symbols: ["AAPL", "AAPL"] }));
  // audit during auth-failure lockout
  const h2 = makeApp({ GLOWBACK_API_KEY: VALID_KEY, GLOWBACK_AUTH_FAILURE_LIMIT: "1" });
  for (let i = 0; i < 3; i++) await h2.request("/v1/backtests", { headers: { "X-API-Key": WRONG_KEY } });
  await h2.request("/v1/backtests", { headers: { "X-API-Key": VALID_KEY } });
  log("auth lines in lockout", h2.events("auth").length, "request lines", h2.events("request").map((l) => l.status));
  // Link header echo of api_key
  await h.request("/v1/backtests", { method: "POST", headers: AUTH, body: JSON.stringify(sampleBody()) });
  await h.request("/v1/backtests", { method: "POST", headers: AUTH, body: JSON.stringify(sampleBody()) });
  const l = await h.request(`/v1/backtests?limit=1&api_key=${VALID_KEY}`, { headers: { "X-API-Key": VALID_KEY } });
  log("link echo", l.status, l.headers.get("link"));
  // HEAD on protected GET
  const hd = await h.request(`/v1/backtests`, { method: "HEAD", headers: { "X-API-Key": VALID_KEY } });
  log("HEAD list", hd.status, hd.headers.get("content-type"));
  // dashboard
  const dash = await h.request(`/`);
  log("dashboard", dash.status, dash.headers.get("content-security-policy"));
  // trailing slash
  const ts = await h.request(`/v1/backtests/`, { headers: { "X-API-Key": VALID_KEY } });
  log("trailing slash", ts.status, await ts.text());
});
