/**
 * JSON bodies (API spec §4, §7): a non-empty `POST` body must be `application/json` (415), and
 * malformed JSON is a 422 of type `json_invalid` with the parser's position.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";
import { ApiError, validationError } from "../errors.ts";

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CSV_MEDIA_TYPE = /^text\/csv\s*(?:;|$)/i;
/** `POST /v1/datasets/{symbol}` takes a `text/csv` body instead (also under a mount prefix). */
const CSV_UPLOAD_PATH = /\/datasets\/[^/]+\/?$/;

/** Creates the JSON-body middleware; it parses once and leaves the result in Hono's body cache. */
export function jsonBody(): MiddlewareHandler<AppEnv> {
  return async function jsonBodyMiddleware(c, next) {
    const method = c.req.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return next();
    const text = await c.req.text();
    if (text.length === 0) return next();
    const contentType = c.req.header("content-type") ?? "";
    if (CSV_UPLOAD_PATH.test(c.req.path)) {
      if (CSV_MEDIA_TYPE.test(contentType)) return next();
      throw new ApiError("unsupported_media_type", "Request body must be text/csv", { details: { content_type: contentType || null } });
    }
    if (!JSON_MEDIA_TYPE.test(contentType)) {
      throw new ApiError("unsupported_media_type", "Request body must be application/json", {
        details: { content_type: contentType || null },
      });
    }
    try {
      JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "invalid JSON";
      throw validationError([{ loc: ["body"], msg: `Malformed JSON: ${reason}`, type: "json_invalid" }], "Malformed JSON in request body");
    }
    return next();
  };
}
