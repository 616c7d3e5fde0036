/**
 * What the gateway benchmark measures: the bare baseline, the framework floor (Hono on
 * @hono/node-server without middleware), and the GlowBack Node server on an authenticated route
 * (answered by the router after auth) and on the public health check at `info` logging
 * (production default), plus the authenticated route at `warn` (no audit lines written).
 */
import type { RunningServer } from "./server-child.ts";

/** One row of the benchmark. */
export interface Target {
  id: string;
  label: string;
  server: RunningServer;
  path: string;
  headers: Record<string, string>;
  /** Statuses that count as a correct answer. */
  expected: readonly number[];
}

/** Servers the targets run on. */
export interface TargetServers {
  bare: RunningServer;
  honoFloor: RunningServer;
  fullInfo: RunningServer;
  fullWarn: RunningServer | null;
}

/** A run id no run has: the authenticated GET passes auth, then the router answers 404. */
export const UNKNOWN_RUN_PATH = "/v1/backtests/00000000-0000-4000-8000-000000000000";

/** The targets, baseline first. */
export function buildTargets(servers: TargetServers, apiKey: string): Target[] {
  const auth = { Authorization: `Bearer ${apiKey}` };
  const authenticated = (server: RunningServer, level: string): Target => ({
    id: `auth-${level}`,
    label: `full, authenticated GET /v1/backtests/{id} → 404 after auth, log ${level}`,
    server,
    path: UNKNOWN_RUN_PATH,
    headers: auth,
    // The run does not exist: 404 whether the route is registered yet or not.
    expected: [404],
  });
  return [
    { id: "bare", label: 'bare node:http {"ok":true} → 200', server: servers.bare, path: "/", headers: {}, expected: [200] },
    { id: "hono-floor", label: "floor: Hono on @hono/node-server, no middleware → 200", server: servers.honoFloor, path: "/", headers: {}, expected: [200] },
    authenticated(servers.fullInfo, "info"),
    { id: "health-info", label: "full, public GET /v1/healthz → 200, log info", server: servers.fullInfo, path: "/v1/healthz", headers: {}, expected: [200] },
    ...(servers.fullWarn ? [authenticated(servers.fullWarn, "warn")] : []),
  ];
}

/** `targets` rotated by `round`, so no target always runs right after the same neighbour. */
export function roundOrder<T>(targets: readonly T[], round: number): T[] {
  const k = round % targets.length;
  return [...targets.slice(k), ...targets.slice(0, k)];
}
