/**
 * The one error envelope of API spec §4. Handlers and middleware throw `ApiError`; `renderError`
 * (used by onError, notFound and the validation hook) turns it into a response whose body shape
 * depends on the path: `/v1/...` gets `{error:{code,message,details},request_id}`, legacy paths
 * get `{detail}`.
 */
import type { Context } from "hono";
import type { HeaderPlan } from "./header-plan.ts";
import { appPath } from "./mount-prefix.ts";

/** Machine-readable error codes and their HTTP statuses. */
export const ERROR_STATUS = {
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  request_too_large: 413,
  unsupported_media_type: 415,
  validation_error: 422,
  too_many_requests: 429,
  internal_error: 500,
} as const;

/** One of the codes of API spec §4. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** One entry of a 422's `details` (`loc` starts with `body`, `query`, `path` or `header`). */
export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** An error with a status, a code and a client-safe message. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    // A client error needs no stack trace, and capturing one dominates the cost of a 401/404.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details ?? null;
    this.headers = options.headers ?? {};
  }
}

/** A 422 carrying validation entries. */
export function validationError(details: ValidationDetail[], message = "Request validation failed"): ApiError {
  return new ApiError("validation_error", message, { details });
}

/** True for canonical `/v1` paths, whose errors use the full envelope. */
export function isVersionedPath(path: string): boolean {
  return path === "/v1" || path.startsWith("/v1/");
}

/** Body of an error response for `path` (API spec §4). */
export function errorBody(path: string, requestId: string, error: ApiError): unknown {
  if (isVersionedPath(path)) {
    return { error: { code: error.code, message: error.message, details: error.details }, request_id: requestId };
  }
  const legacyDetail = error.code === "validation_error" && Array.isArray(error.details) ? error.details : error.message;
  return { detail: legacyDetail };
}

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
const JSON_ONLY: Readonly<Record<string, string>> = { "Content-Type": JSON_CONTENT_TYPE };

/** Renders `error` for the current request, with the request's planned headers when it has a plan. */
export function renderError(c: Context, error: ApiError): Response {
  const requestId = (c.get("requestId") as string | undefined) ?? "";
  const body = JSON.stringify(errorBody(appPath(c), requestId, error));
  const plan = c.get("headerPlan") as HeaderPlan | undefined;
  if (plan) {
    let own = JSON_ONLY;
    for (const name in error.headers) {
      if (own === JSON_ONLY) own = {};
      if (name.toLowerCase() !== "content-type") (own as Record<string, string>)[name] = error.headers[name];
    }
    if (own !== JSON_ONLY) (own as Record<string, string>)["Content-Type"] = JSON_CONTENT_TYPE;
    return plan.respond(body, error.status, own);
  }
  const headers = new Headers(error.headers);
  headers.set("Content-Type", JSON_CONTENT_TYPE);
  return new Response(body, { status: error.status, headers });
}
