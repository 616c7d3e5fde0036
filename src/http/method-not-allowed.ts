/**
 * 405 support: Hono answers unmatched method/path pairs through `notFound`; this finds the
 * methods registered for the path so the answer can be 405 with `Allow` instead of 404.
 */

/** A registered route as Hono lists it. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

interface CompiledRoute {
  pattern: RegExp;
  method: string;
}

function compile(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => {
      if (segment === "*") return ".*";
      if (segment.startsWith(":")) return "[^/]+";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/** Builds a lookup of the methods allowed on a path, from the app's registered routes. */
export function createAllowedMethods(routes: () => readonly RegisteredRoute[]): (path: string) => string[] {
  let compiled: CompiledRoute[] | null = null;
  return (path) => {
    compiled ??= routes()
      .filter((route) => route.method !== "ALL")
      .map((route) => ({ pattern: compile(route.path), method: route.method.toUpperCase() }));
    const methods = new Set<string>();
    for (const route of compiled) if (route.pattern.test(path)) methods.add(route.method);
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
