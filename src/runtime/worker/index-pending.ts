/**
 * The storage flag of a run or optimisation object whose index may hold an outdated status: set
 * when a report to the index fails (with an alarm to retry it), cleared once a report gets
 * through. The flag outlives the object instance, so an evicted object still retries.
 */

/** Storage key of the flag. */
const INDEX_PENDING_KEY = "index_pending";
/** Delay before a failed index report is retried when no transition comes first. */
export const INDEX_RETRY_MS = 10_000;

/** True while the index may hold an outdated status. */
export async function isIndexPending(storage: DurableObjectStorage): Promise<boolean> {
  return (await storage.get(INDEX_PENDING_KEY)) !== undefined;
}

/** Remembers a failed report (and arms a retry alarm unless one is set); forgets it once one got through. */
export async function recordIndexOutcome(storage: DurableObjectStorage, delivered: boolean): Promise<void> {
  const pending = await isIndexPending(storage);
  if (delivered) {
    if (pending) await storage.delete(INDEX_PENDING_KEY);
    return;
  }
  if (!pending) await storage.put(INDEX_PENDING_KEY, true);
  if ((await storage.getAlarm()) === null) await storage.setAlarm(Date.now() + INDEX_RETRY_MS);
}

/** `recordIndexOutcome` as an `IndexReporter` `onOutcome` callback. */
export function indexOutcomeRecorder(storage: DurableObjectStorage): (delivered: boolean) => void {
  // Rejects only when the object is being torn down (eviction, reset); the next instance's
  // watchdog alarm reports again.
  return (delivered) => void recordIndexOutcome(storage, delivered).catch(() => undefined);
}
