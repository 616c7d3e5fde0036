/**
 * Bounds on what a client may send on a stream WebSocket. Clients have nothing to say on the
 * stream, so frames are ignored — but a client that sends large frames or floods the socket is
 * closed with 1008 (Policy Violation), so ignoring frames never costs unbounded work.
 */

/** Limits of client frames on one socket. */
export interface ClientFrameLimits {
  /** Largest accepted frame, bytes (UTF-8 for text frames). */
  maxFrameBytes: number;
  /** Most frames accepted within one second. */
  maxFramesPerSecond: number;
}

/** Default: 4 KiB per frame, 20 frames per second (enough for application-level pings). */
export const DEFAULT_CLIENT_FRAME_LIMITS: ClientFrameLimits = { maxFrameBytes: 4096, maxFramesPerSecond: 20 };

/** Reason of the 1008 close for a frame above `maxFrameBytes`. */
export function frameTooLargeReason(limits: ClientFrameLimits): string {
  return `Client frame too large (limit ${limits.maxFrameBytes} bytes)`;
}

/** Reason of the 1008 close for more than `maxFramesPerSecond` frames in a second. */
export function tooManyFramesReason(limits: ClientFrameLimits): string {
  return `Too many client frames (limit ${limits.maxFramesPerSecond} per second)`;
}

const encoder = new TextEncoder();

/** A frame as hosts deliver it: text, binary, or (Deno's default binary type) a Blob. */
export type ClientFrame = string | ArrayBuffer | ArrayBufferView | Blob;

function isTooLarge(data: ClientFrame, maxBytes: number): boolean {
  if (typeof data !== "string") return ("byteLength" in data ? data.byteLength : data.size) > maxBytes;
  // A UTF-16 code unit encodes to 1–3 UTF-8 bytes: encode only when the answer depends on it.
  if (data.length > maxBytes) return true;
  if (data.length * 3 <= maxBytes) return false;
  return encoder.encode(data).byteLength > maxBytes;
}

/**
 * A checker for one socket's incoming frames: returns null for a frame to ignore, or the reason to
 * close the socket with 1008. `now` is in ms (tests pass a fake clock).
 */
export function clientFrameGuard(limits: ClientFrameLimits = DEFAULT_CLIENT_FRAME_LIMITS, now: () => number = Date.now) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let count = 0;
  return function check(data: ClientFrame): string | null {
    if (isTooLarge(data, limits.maxFrameBytes)) return frameTooLargeReason(limits);
    const t = now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      count = 0;
    }
    count += 1;
    return count > limits.maxFramesPerSecond ? tooManyFramesReason(limits) : null;
  };
}
