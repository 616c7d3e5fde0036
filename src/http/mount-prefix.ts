/**
 * The path under which the app is mounted when embedded (`host.route("/glowback", app)`), so
 * that path rules (`/v1` error shapes, public and stream paths) and generated links work the same
 * mounted or not.
 */
import type { Context } from "hono";
import { basePath } from "hono/route";

/** The mount prefix of the current request (`""` when the app is not mounted). */
export function mountPrefix(c: Context): string {
  let base: string;
  try {
    base = basePath(c);
  } catch {
    return "";
  }
  return base === "/" || base === "" ? "" : base.replace(/\/+$/, "");
}

/** The request path relative to the mount point (`/glowback/v1/x` ⇒ `/v1/x`). */
export function appPath(c: Context): string {
  const prefix = mountPrefix(c);
  const path = c.req.path;
  if (prefix === "" || !path.startsWith(prefix)) return path;
  return path.slice(prefix.length) || "/";
}
