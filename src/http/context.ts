/** The context variables GlowBack's middleware sets, shared by every handler. */
import type { Logger } from "../logging/logger.ts";
import type { HeaderPlan } from "./header-plan.ts";

/** How a request is being served. */
export type Transport = "http" | "websocket" | "sse";

/** Variables set on every request's context. */
export interface RequestVariables {
  /** Validated client `X-Request-ID` or a new UUID. */
  requestId: string;
  /** Client address per host rules (API spec §6), or null when unknown. */
  clientIp: string | null;
  /** `key_id` of the matching key; null when unauthenticated or in development mode. */
  keyId: string | null;
  transport: Transport;
  logger: Logger;
  /** Path and query of the request with `api_key` values redacted: what log lines show. */
  logPath: string;
  /** Headers the middleware adds to the response, applied once (set by `requestContext`). */
  headerPlan: HeaderPlan;
}

/** Hono environment of the GlowBack app. `Bindings` are host-specific and opaque to the app. */
export interface AppEnv {
  Variables: RequestVariables;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Bindings: any;
}
