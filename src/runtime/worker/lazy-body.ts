/**
 * A byte stream that asks for its source only when first read, so a body that is dropped unread
 * (a 304 after `If-None-Match`) never makes the owning object open and stream its result.
 */

/** The body of `open()`'s response, requested on the first read; cancelling it cancels that body. */
export function lazyBody(open: () => Promise<Response>): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (reader === null) {
        const res = await open();
        if (!res.ok || res.body === null) {
          await res.body?.cancel();
          throw new Error(`result body unavailable (status ${res.status})`);
        }
        reader = res.body.getReader();
      }
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}
