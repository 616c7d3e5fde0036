/**
 * The `yieldControl` of in-process hosts: every run of a service hands its event loop back
 * through one queue, and the queue lets one waiter resume per macrotask. So however many runs
 * execute at once, one event-loop turn holds at most one engine slice — Node accepts one pending
 * connection per turn, so the connections waiting behind a wave of WebSocket upgrades wait for
 * as many turns as there are connections, and short turns are what keeps that wait short.
 */

/** Schedules `task` as a macrotask (default: `setImmediate` where the host has it, else `setTimeout(…, 0)`). */
export type ScheduleMacrotask = (task: () => void) => void;

/** `setImmediate` (Node, Deno) without the 1 ms floor of a zero timer, else a zero timer. */
export const scheduleMacrotask: ScheduleMacrotask = (task) => {
  const immediate = (globalThis as { setImmediate?: (task: () => void) => unknown }).setImmediate;
  if (typeof immediate === "function") immediate(task);
  else setTimeout(task, 0);
};

/**
 * Creates a shared yield: each call resolves after at least one macrotask, the calls in arrival
 * order and one per macrotask (fair between runs: each waits behind the others' next slice).
 */
export function createTurnYield(schedule: ScheduleMacrotask = scheduleMacrotask): () => Promise<void> {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const releaseOne = () => {
    scheduled = false;
    const resume = waiting.shift();
    if (waiting.length > 0) {
      scheduled = true;
      schedule(releaseOne);
    }
    resume?.();
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        schedule(releaseOne);
      }
    });
}
