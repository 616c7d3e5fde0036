/** `GET /v1/backtests/{run_id}/stream`: the run's event stream over WebSocket or SSE (API spec §5). */
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

/** The stream route. */
export const streamRoute = createRoute({
  method: "get",
  path: "/v1/backtests/{run_id}/stream",
  tags: ["backtests"],
  summary: "Stream a run's events (WebSocket or Server-Sent Events)",
  description: `With \`Upgrade: websocket\`: after authentication every stored event after \`last_event_id\` is sent, then live
events, one JSON text frame each, in order, without gaps or duplicates; the server closes with 1000 after the terminal
\`state\` event. Close codes: 1008 invalid or missing key (the upgrade completes first so browsers see the code) or invalid
\`last_event_id\`; 4404 unknown run; 1013 subscriber too slow (resume with \`last_event_id\`).
Without an upgrade (e.g. \`Accept: text/event-stream\`): the same events as Server-Sent Events (\`id\`, \`event\`, \`data\`).
Browsers may authenticate with \`?api_key=\` here (and only here).`,
  security: STREAM_SECURITY,
  request: { params: RunIdParams, query: StreamQuery },
  responses: {
    101: { description: "Switching Protocols (WebSocket)." },
    200: { description: "Server-Sent Events stream.", content: { "text/event-stream": { schema: z.string() } } },
    404: errorResponseOf("Run not found (SSE)."),
    ...PROTECTED_ERROR_RESPONSES,
  },
});
