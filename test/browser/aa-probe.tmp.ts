import { startNodeServer } from "/work/main/test/browser/node-server.ts";
const s = await startNodeServer({});
try {
  for (const [res, start, end] of [["day","2023-01-01","2025-01-01"],["minute","2023-01-01","2024-01-01"], ["hour","2023-01-01","2025-01-01"]]) {
    const body = { name: "p", strategy: "random", max_trials: 8, concurrency: 2, random_seed: 1, objective_metric: "total_return",
      search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 10 }, { name: "long_period", kind: "int_range", low: 20, high: 60 }] },
      base_backtest: { symbols: ["AAPL","MSFT"], start_date: start, end_date: end, resolution: res, data_source: "sample", strategy: { name: "ma_crossover" } } };
    const t0 = Date.now();
    const r = await fetch(`${s.origin}/v1/optimizations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const st = await r.json() as any;
    if (r.status !== 201) { console.log(r.status, JSON.stringify(st)); continue; }
    for (;;) { const x = await (await fetch(`${s.origin}/v1/optimizations/${st.optimization_id}`)).json() as any; if (["completed","failed","cancelled"].includes(x.state)) { console.log(res, x.state, x.completed_trials, x.failed_trials, Date.now()-t0, "ms"); break; } await new Promise(r=>setTimeout(r,100)); }
  }
  const bad = await fetch(`${s.origin}/v1/optimizations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "", max_trials: 0, objective_metric: "nope", search_space: { parameters: [{ name: "short_period", kind: "int_range", low: 2, high: 20000 }] }, base_backtest: { symbols: ["AAPL"], start_date: "2023-01-01", end_date: "2022-01-01", data_source: "sample", strategy: { name: "ma_crossover" } } }) });
  console.log(bad.status, JSON.stringify(await bad.json()));
  const strat = await (await fetch(`${s.origin}/v1/strategies`)).json();
  console.log(JSON.stringify(strat).slice(0, 300));
} finally { await s.stop(); }
