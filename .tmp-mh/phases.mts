import { normalizeBacktestRequest, streamBacktest, createSampleProvider } from "../src/engine/index.ts";
const S12 = ["AAPL","MSFT","NVDA","AMZN","GOOG","META","TSLA","JPM","XOM","KO","PEP","WMT"];
const cfgs: [string, any][] = [
  ["12sym 1y ma", { symbols: S12, strategy: { name: "ma_crossover", params: { short_period: 5, long_period: 20 } } }],
  ["12sym 1y momentum", { symbols: S12, strategy: { name: "momentum" } }],
  ["12sym 1y mean_rev", { symbols: S12, strategy: { name: "mean_reversion" } }],
  ["12sym 1y rsi", { symbols: S12, strategy: { name: "rsi" } }],
  ["12sym 1y buy_hold", { symbols: S12, strategy: { name: "buy_and_hold" } }],
];
for (const [name, extra] of cfgs) {
  const request = normalizeBacktestRequest({ start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample", resolution: "minute", benchmark_symbol: null, ...extra }, { runtime: "node", csvAllowed: false });
  const t0 = performance.now(); let tSim = 0, tEnd = 0;
  const it = streamBacktest({ runId: "x", request, provider: createSampleProvider(), now: () => performance.now(), yieldControl: () => new Promise(r => setTimeout(r, 0)) } as any);
  let s = await it.next();
  for (; !s.done; s = await it.next()) { const e: any = s.value; if (e.type === "progress" && e.progress > 0.05 && !tSim) tSim = performance.now() - t0; if (e.type === "progress" && e.progress >= 0.95 && !tEnd) tEnd = performance.now() - t0; }
  console.log(name, "sim start", tSim.toFixed(0), "sim end", tEnd.toFixed(0), "done", (performance.now() - t0).toFixed(0), "trades", (s.value as any).trades.length);
}
