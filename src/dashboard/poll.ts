/** Repeats a refresh every few seconds until a signal aborts (the lists of runs and optimisations). */
import { showError } from "./notice.ts";

const REFRESH_MS = 3000;

/** Calls `refresh` now and every 3 s (after the previous call settled) until `signal` aborts. */
export function poll(refresh: () => Promise<void>, signal: AbortSignal): void {
  const tick = async () => {
    if (signal.aborted) return;
    try {
      await refresh();
    } catch (error) {
      showError(error);
    }
    if (!signal.aborted) setTimeout(tick, REFRESH_MS);
  };
  void tick();
}
