/**
 * The path under which the app is mounted when embedded (`host.route("/glowback", app)`), so
 * that path rules (`/v1` error shapes, public and stream paths) and generated links work the same
 * mounted or not.
 */
import type { Context } from "hono";
import { basePath } from "hono/route";

const PREFIX = Symbol("glowback.mountPrefix");
const APP_PATH = Symbol("glowback.appPath");

/** Per-request memo: every middleware asks, and `basePath` matches the route pattern each time. */
type Memo = { [PREFIX]?: string; [APP_PATH]?: string };

function computePrefix(c: Context): string {
  let base: string;
  try {
    base = basePath(c);
  } catch {
    return "";
  }
  return base === "/" || base === "" ? "" : base.replace(/\/+$/, "");
}

/** The mount prefix of the current request (`""` when the app is not mounted). */
export function mountPrefix(c: Context): string {
  const memo = c as unknown as Memo;
  return (memo[PREFIX] ??= computePrefix(c));
}

/** The request path relative to the mount point (`/glowback/v1/x` ⇒ `/v1/x`). */
export function appPath(c: Context): string {
  const memo = c as unknown as Memo;
  let path = memo[APP_PATH];
  if (path === undefined) {
    const prefix = mountPrefix(c);
    path = c.req.path;
    if (prefix !== "" && path.startsWith(prefix)) path = path.slice(prefix.length) || "/";
    memo[APP_PATH] = path;
  }
  return path;
}
