import { startServer } from "../test/support/server-process.ts";
import { wranglerDevServer } from "../test/support/host-servers.ts";
import WebSocket from "ws";
const server = await startServer(wranglerDevServer({ apiKey: "k" }));
try {
  const r = await fetch(`${server.baseUrl}/v1/backtests`, { method: "POST", headers: { "X-API-Key": "k", "Content-Type": "application/json" }, body: JSON.stringify({ symbols: ["AAPL", "MSFT"], start_date: "2022-01-01", end_date: "2023-01-01", data_source: "sample", strategy: { name: "ma_crossover" } }) });
  const { run_id } = await r.json() as any;
  for (const when of ["live", "replay"]) {
    const t0 = Date.now();
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${server.baseUrl.replace("http", "ws")}/v1/backtests/${run_id}/stream`, { headers: { "X-API-Key": "k" } });
      let n = 0;
      ws.on("message", (d) => { n++; const e = JSON.parse(String(d)); if (e.type === "state") console.log(when, Date.now() - t0, "ms state", e.payload.state, e.event_id); if (e.payload.state === "completed") { const iv = setInterval(() => { if (ws.readyState !== 1) { console.log(when, Date.now() - t0, "readyState", ws.readyState); clearInterval(iv); } }, 20); } });
      ws.on("ping", () => console.log(when, Date.now() - t0, "ping"));
      ws.on("close", (code, reason) => { console.log(when, Date.now() - t0, "ms close", code, String(reason), n); resolve(); });
      (ws as any)._receiver?.on?.("conclude", (c: number) => console.log(when, Date.now() - t0, "close frame received", c));
    });
  }
  const t1 = Date.now();
  const sse = await fetch(`${server.baseUrl}/v1/backtests/${run_id}/stream`, { headers: { "X-API-Key": "k", Accept: "text/event-stream" } });
  const text = await sse.text();
  console.log("sse", Date.now() - t1, "ms", text.length);
} finally { await server.stop(); }
