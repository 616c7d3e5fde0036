import { startServer } from "../test/support/server-process.ts";
import { wranglerDevServer } from "../test/support/host-servers.ts";
import { RunHttp } from "../test/support/run-http.ts";
import { smallRunBody } from "../test/support/run-bodies.ts";
import { readWebSocketStream } from "../test/support/event-streams.ts";
const server = await startServer(wranglerDevServer({ apiKey: "k" }));
const http = new RunHttp(() => server.baseUrl, "k");
try {
  for (let round = 0; round < 4; round++) {
    const { runId } = await http.create(smallRunBody());
    const t0 = Date.now();
    const ws = await readWebSocketStream(http.url(`/v1/backtests/${runId}/stream`), { "X-API-Key": "k" });
    const a = await http.allEvents(runId);
    await new Promise(r => setTimeout(r, 1500));
    const b = await http.allEvents(runId);
    const show = (e: any) => `${e.event_id}:${e.type}:${JSON.stringify(e.payload).slice(0, 60)}`;
    console.log(round, Date.now() - t0, "ms ws", ws.code, ws.events.length, "page", a.length, "later", b.length);
    const diffIdx = ws.events.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(a[i]));
    if (diffIdx >= 0) console.log(" first diff at", diffIdx, "\n ws:", show(ws.events[diffIdx]), "\n pg:", show(a[diffIdx]));
    console.log(" ws tail", ws.events.slice(-4).map(show));
    console.log(" later tail", b.slice(-5).map(show));
    const ids = b.map(e => e.event_id); console.log(" ids ok", ids.every((id, i) => id === i + 1));
  }
} finally { await server.stop(); }
