/**
 * A log sink that gathers the lines of one event-loop turn and writes them with one call. Under
 * load this turns two synchronous writes per request into one write per turn. Lines are lost only
 * if the process dies hard (SIGKILL) within the turn that produced them; hosts call `flush()` on
 * exit and on signals.
 */
import type { LogSink } from "./logger.ts";

/** Lines buffered before a write is forced within the same turn. */
const MAX_BUFFERED_LINES = 512;

/** A buffered sink and its flush. */
export interface BufferedSink {
  sink: LogSink;
  /** Writes everything buffered now. */
  flush(): void;
}

/**
 * Creates a buffered sink over `write` (which receives newline-terminated lines joined together),
 * scheduling the flush of a turn with `schedule` (e.g. `setImmediate`).
 */
export function createBufferedSink(write: (text: string) => void, schedule: (task: () => void) => void): BufferedSink {
  let lines: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (lines.length === 0) return;
    const text = `${lines.join("\n")}\n`;
    lines = [];
    write(text);
  };
  const sink: LogSink = (line) => {
    lines.push(line);
    if (lines.length >= MAX_BUFFERED_LINES) flush();
    else if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };
  return { sink, flush };
}
