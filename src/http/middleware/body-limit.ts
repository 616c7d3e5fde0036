/**
 * Request body limit (API spec §7): a declared `Content-Length` over the limit is refused before
 * reading; a body without one (chunked) is read up to the limit and refused as soon as it passes
 * it, so memory per request stays bounded. Accepted bodies are buffered for the handlers.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";
import { ApiError } from "../errors.ts";

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("request_too_large", `Request body exceeds the limit of ${maxBytes} bytes`, {
    details: { max_bytes: maxBytes },
  });
}

async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Creates the body-limit middleware for bodies of at most `maxBytes`. */
export function bodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async function bodyLimitMiddleware(c, next) {
    const raw = c.req.raw;
    // GET and HEAD requests cannot carry a body; asking for `raw.body` anyway would make
    // @hono/node-server build a full undici Request (signal, headers copy) on every request.
    if (raw.method === "GET" || raw.method === "HEAD" || raw.body === null) return next();
    const declared = raw.headers.get("content-length");
    if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
    const bytes = await readBounded(raw.body, maxBytes);
    c.req.raw = new Request(raw.url, { method: raw.method, headers: raw.headers, body: bytes });
    return next();
  };
}
