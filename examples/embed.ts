/**
 * Embedding GlowBack in another Hono app, mounted under `/glowback`:
 *
 *   npx tsx examples/embed.ts      # then: curl http://127.0.0.1:8788/glowback/healthz
 *
 * Every GlowBack path works under the prefix: `/glowback/v1/backtests`, the legacy aliases, the
 * stream (`/glowback/v1/backtests/{id}/stream`), and `Location` / `Link` headers carry the prefix.
 * Without a store option the run domain is in memory; pass `service` (a `RunService` over a SQL
 * store) to persist runs.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { pathToFileURL } from "node:url";
import type { EnvSource } from "../src/mod.ts";
import { createApp, parseConfig } from "../src/mod.ts";

/** The host app: its own routes plus GlowBack under `/glowback`. */
export function createHostApp(env: EnvSource, logSink: (line: string) => void = (line) => console.log(line)): Hono {
  const glowback = createApp({ config: parseConfig(env), runtime: "node", logSink });
  const host = new Hono();
  host.get("/", (c) => c.text("host app; GlowBack is mounted at /glowback"));
  host.route("/glowback", glowback);
  return host;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = createHostApp(process.env);
  serve({ fetch: app.fetch, port: 8788, hostname: "127.0.0.1" }, (info) => console.log(`listening on http://127.0.0.1:${info.port}/glowback`));
}
