/** `streamRun`: one run's event stream over WebSocket, with resume, de-duplication and gap repair. */
import { openEventStream } from "./event-stream.ts";
import { runStreamUrl } from "./stream-url.ts";
import type { RunEvent, RunStream, RunStreamOptions } from "./stream-types.ts";

/** Opens the stream and keeps it going until the terminal event, an error, an abort or `close()`. */
export function streamRun(options: RunStreamOptions): RunStream {
  return openEventStream<RunEvent>({
    ...options,
    url: (lastEventId) => runStreamUrl(options.baseUrl, options.runId, lastEventId, options.apiKey),
    noun: "run",
    endOnTerminalEvent: true,
  });
}
