/**
 * The client's address from what the server runtime hands the app as `c.env`, without trusting
 * any header: the default of `createApp`, so an app embedded in another fetch-based server still
 * limits and audits per client rather than lumping every client into one `unknown` bucket.
 */
import type { Context } from "hono";

/** The shapes of `c.env` this reads: @hono/node-server's `incoming`, and Deno's serve info. */
interface RuntimeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
  remoteAddr?: { hostname?: string };
}

/**
 * The peer address of the connection: `c.env.incoming.socket.remoteAddress` under
 * @hono/node-server, `c.env.remoteAddr.hostname` under `Deno.serve(app.fetch)`; null elsewhere
 * (hosts that know better pass their own resolver, e.g. `CF-Connecting-IP` on Workers).
 */
export function runtimeConnectionIp(c: Context): string | null {
  const env = c.env as RuntimeEnv | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname ?? null;
}
