/** Turns zod validation failures into the 422 entries of API spec §4. */
import type { Context } from "hono";
import type { ValidationDetail } from "./errors.ts";
import { validationError } from "./errors.ts";

const LOCATION_OF_TARGET: Record<string, string> = {
  json: "body",
  form: "body",
  query: "query",
  param: "path",
  header: "header",
  cookie: "cookie",
};

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
  code: string;
  /** Custom issues raised from engine rules carry the precise type here. */
  params?: { type?: unknown };
}

/** 422 entries for zod issues found in `target` (`json`, `query`, `param`, ...). */
export function detailsFromIssues(target: string, issues: readonly ZodLikeIssue[]): ValidationDetail[] {
  const root = LOCATION_OF_TARGET[target] ?? target;
  return issues.map((issue) => ({
    loc: [root, ...issue.path.map((part) => (typeof part === "number" ? part : String(part)))],
    msg: issue.message,
    type: typeof issue.params?.type === "string" ? issue.params.type : issue.code,
  }));
}

/** The `defaultHook` of every OpenAPI route: a failed validation throws a 422 `ApiError`. */
export function validationHook(
  result: { success: boolean; target: string; error?: { issues: readonly ZodLikeIssue[] } },
  _c: Context,
): void {
  if (!result.success && result.error) throw validationError(detailsFromIssues(result.target, result.error.issues));
}
