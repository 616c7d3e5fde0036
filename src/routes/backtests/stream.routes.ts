/**
 * `GET /v1/backtests/{run_id}/stream`: the run's event stream over WebSocket or SSE (API spec §5),
 * and the factory every stream route (runs, optimisations) is built with.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { PROTECTED_ERROR_RESPONSES, STREAM_SECURITY, errorResponseOf } from "../../http/openapi.ts";

/** Path parameters of a run route. */
export const RunIdParams = z.object({
  run_id: z.string().openapi({ param: { name: "run_id", in: "path" }, description: "Run id (UUID).", example: "3f0c2c4e-5d1e-4b8a-9a57-0c1f5f6f9f10" }),
});

const StreamQuery = z.object({
  last_event_id: z
    .string()
    .optional()
    .openapi({ description: "Resume: send only events with `event_id` greater than this (non-negative integer). SSE clients may send the `Last-Event-ID` header instead." }),
});

/** What differs between the stream routes of the kinds. */
export interface StreamRouteSpec<P extends z.ZodObject> {
  path: `/v1/${string}/stream`;
  tag: string;
  params: P;
  /** Lower-case noun of the target, e.g. `run`. */
  noun: string;
  /** Extra sentences of the description (what the kind's log holds). */
  note?: string;
}

/** A stream route of the shared protocol for one kind of target. */
export function createStreamRoute<P extends z.ZodObject>(spec: StreamRouteSpec<P>) {
  const title = spec.noun[0].toUpperCase() + spec.noun.slice(1);
  return createRoute({
    method: "get",
    path: spec.path,
    tags: [spec.tag],
    summary: `Stream a ${spec.noun}'s events (WebSocket or Server-Sent Events)`,
    description: `With \`Upgrade: websocket\`: after authentication every stored event after \`last_event_id\` is sent, then live
events, one JSON text frame each, in order, without gaps or duplicates; the server closes with 1000 after the terminal
\`state\` event (when it is the last event of the log). Close codes: 1008 invalid or missing key (the upgrade completes first so
browsers see the code) or invalid \`last_event_id\`; 4404 unknown ${spec.noun}; 1013 subscriber too slow (resume with \`last_event_id\`).
Without an upgrade (e.g. \`Accept: text/event-stream\`): the same events as Server-Sent Events (\`id\`, \`event\`, \`data\`).
Browsers may authenticate with \`?api_key=\` here (and only here).${spec.note ? `\n${spec.note}` : ""}`,
    security: STREAM_SECURITY,
    request: { params: spec.params, query: StreamQuery },
    responses: {
      101: { description: "Switching Protocols (WebSocket)." },
      200: { description: "Server-Sent Events stream.", content: { "text/event-stream": { schema: z.string() } } },
      404: errorResponseOf(`${title} not found (SSE).`),
      ...PROTECTED_ERROR_RESPONSES,
    },
  });
}

/** The run stream route. */
export const streamRoute = createStreamRoute({ path: "/v1/backtests/{run_id}/stream", tag: "backtests", params: RunIdParams, noun: "run" });
