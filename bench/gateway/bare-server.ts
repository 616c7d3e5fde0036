/**
 * Baseline of the gateway benchmark: the smallest useful `node:http` server — `{"ok":true}` JSON
 * with keep-alive on every request. Run as a child: `HOST=127.0.0.1 PORT=<n> node --import tsx bare-server.ts`.
 */
import { createServer } from "node:http";

const BODY = JSON.stringify({ ok: true });
const HEADERS = { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(BODY)) };

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? "0");

const server = createServer({ keepAlive: true }, (_req, res) => {
  res.writeHead(200, HEADERS);
  res.end(BODY);
});

server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  process.stdout.write(`${JSON.stringify({ event: "listening", runtime: "node-bare", host, port: bound })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
