/**
 * Framework floor of the gateway benchmark: a Hono app with no middleware on @hono/node-server,
 * answering `{"ok":true}`. Separates the adapter's cost from GlowBack's middleware.
 * Run as a child: `HOST=127.0.0.1 PORT=<n> node --import tsx hono-server.ts`.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("*", (c) => c.json({ ok: true }));

const hostname = process.env.HOST ?? "127.0.0.1";
const server = serve({ fetch: app.fetch, hostname, port: Number(process.env.PORT ?? "0") });

const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
