/** `GlowBackApiError`: a non-success response of the API, read from either error shape (API spec §4). */

/** Thrown by the client's convenience methods for every unexpected status. */
export class GlowBackApiError extends Error {
  override readonly name = "GlowBackApiError";
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** §4 code (`not_found`, `validation_error`, …); derived from the status for legacy bodies. */
    readonly code: string,
    message: string,
    /** `details` of the envelope: validation entries for 422, `{state, error}` for 409, else null. */
    readonly details: unknown,
    /** The response's `X-Request-ID` (or the body's `request_id`); null when absent. */
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 409: "conflict",
  413: "request_too_large", 415: "unsupported_media_type", 422: "validation_error", 429: "too_many_requests", 500: "internal_error",
};

type Envelope = { error?: { code?: unknown; message?: unknown; details?: unknown }; request_id?: unknown; detail?: unknown };

/** Reads a failed response's body — `{error:{…},request_id}` or legacy `{detail}` — into an error. */
export async function apiErrorFrom(response: Response): Promise<GlowBackApiError> {
  const text = await response.text().catch(() => "");
  let body: Envelope | null = null;
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    body = null;
  }
  const headerId = response.headers.get("x-request-id");
  const fallbackCode = CODE_BY_STATUS[response.status] ?? `http_${response.status}`;
  const fallbackMessage = response.statusText || `HTTP ${response.status}`;
  if (body?.error && typeof body.error === "object") {
    const { code, message, details } = body.error;
    const requestId = typeof body.request_id === "string" ? body.request_id : headerId;
    return new GlowBackApiError(response.status, typeof code === "string" ? code : fallbackCode,
      typeof message === "string" ? message : fallbackMessage, details ?? null, requestId);
  }
  if (body && "detail" in body) {
    // Legacy shape: a message, or (422) the list of validation entries.
    const message = typeof body.detail === "string" ? body.detail : "Request validation failed";
    return new GlowBackApiError(response.status, fallbackCode, message, Array.isArray(body.detail) ? body.detail : null, headerId);
  }
  return new GlowBackApiError(response.status, fallbackCode, fallbackMessage, null, headerId);
}
