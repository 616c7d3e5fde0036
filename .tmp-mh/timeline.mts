import { startServer } from "../test/support/server-process.ts";
import { nodeServer } from "../test/support/host-servers.ts";
import { RunHttp } from "../test/support/run-http.ts";
import { longRunBody } from "../test/support/run-bodies.ts";
const server = await startServer(nodeServer({ apiKey: "k" }));
const http = new RunHttp(() => server.baseUrl, "k");
try {
  const t0 = Date.now();
  const { runId } = await http.create({ ...longRunBody(), symbols: ["AAPL","MSFT","NVDA","AMZN","GOOG","META","TSLA","JPM","XOM","KO","PEP","WMT"], end_date: "2023-01-01" });
  for (;;) {
    const t = Date.now();
    const ev = await http.allEvents(runId);
    const p = ev.filter(e => e.type === "progress");
    console.log(Date.now() - t0, "ms (req", Date.now() - t, "ms)", ev.length, "events; last progress", p.at(-1)?.payload.progress, ev.at(-1)?.type, JSON.stringify(ev.at(-1)?.payload).slice(0, 80));
    if (ev.at(-1)?.payload.state === "completed") break;
    await new Promise(r => setTimeout(r, 25));
  }
} finally { await server.stop(); }
