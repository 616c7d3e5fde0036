/**
 * Keeps creating runs against a server until told to stop, so a kill can land between creates
 * or in the middle of one. Every 201 is recorded as an accepted run; a create cut by the kill
 * (connection refused or reset) is counted, not retried — the client never learned its run id.
 */
import type { ApiClient } from "./api-client.ts";
import { randomInt } from "./prng.ts";

/** A run the server accepted (answered 201). */
export interface AcceptedRun {
  runId: string;
  /** Index into the body list. */
  bodyIndex: number;
  /** The server lifetime (0-based) that accepted it. */
  lifetime: number;
}

/** A running creator loop. */
export interface Creator {
  /** Creates in flight right now. */
  inFlight(): number;
  /** Resolves when the next create request has been sent. */
  nextCreateSent(): Promise<void>;
  /** Stops creating (in-flight creates finish or fail) and resolves with the creates cut and non-201 statuses. */
  stop(): Promise<{ cut: number; refused: number[] }>;
}

/** Starts creating `bodies[n % bodies.length]` with seeded pauses of `pauseMs` between creates. */
export function startCreator(client: ApiClient, bodies: readonly Record<string, unknown>[], accepted: AcceptedRun[], lifetime: number, random: () => number, pauseMs: [number, number]): Creator {
  let stopped = false;
  let inFlight = 0;
  let cut = 0;
  const refused: number[] = [];
  let onSent: Array<() => void> = [];
  const loop = (async () => {
    while (!stopped) {
      const bodyIndex = accepted.length % bodies.length;
      inFlight++;
      const sending = client.create(bodies[bodyIndex]);
      onSent.forEach((resolve) => resolve());
      onSent = [];
      try {
        const { status, runId } = await sending;
        if (runId !== null) accepted.push({ runId, bodyIndex, lifetime });
        else refused.push(status);
      } catch {
        cut++;
      } finally {
        inFlight--;
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, randomInt(random, pauseMs[0], pauseMs[1])));
    }
  })();
  return {
    inFlight: () => inFlight,
    nextCreateSent: () => new Promise<void>((resolve) => onSent.push(resolve)),
    async stop() {
      stopped = true;
      await loop;
      return { cut, refused };
    },
  };
}
