/**
 * The dependency rules of `/work/shared/design.md`, as data: which folder may import what, which
 * modules only the hosts may touch, and which host globals the engine may not use. Paths are
 * POSIX paths relative to the repository root (`src/engine/types.ts`).
 */
import { builtinModules } from "node:module";
import { posix } from "node:path";
import type { ModuleReference } from "./source-scan.ts";

/** One scanned source file. */
export interface SourceFile {
  path: string;
  /** Source with comments and literal contents blanked (see `maskSource`). */
  masked: string;
  references: ModuleReference[];
}

/** A rule broken at one place; `toString` gives the line printed in the failure message. */
export interface Violation {
  rule: string;
  file: string;
  line: number;
  found: string;
}

/** Formats a violation as `file:line: rule — found`. */
export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}: ${v.rule} — ${v.found}`;
}

const NODE_BUILTINS = new Set(builtinModules);

/** Modules only `src/runtime/**` may import: host APIs and host-specific adapters. */
export function isHostModule(specifier: string): boolean {
  return (
    specifier.startsWith("cloudflare:") ||
    specifier === "@hono/node-server" ||
    specifier.startsWith("@hono/node-server/") ||
    specifier === "hono/deno" ||
    specifier === "ws" ||
    specifier.startsWith("node:") ||
    specifier.startsWith("bun:") ||
    NODE_BUILTINS.has(specifier)
  );
}

/** Host globals the engine may not touch: time, randomness, environment, timers, logging. */
export const ENGINE_FORBIDDEN: readonly { name: string; regex: RegExp }[] = [
  { name: "Date.now", regex: /(?<![\w$.])Date\s*\.\s*now\b/g },
  { name: "new Date()", regex: /\bnew\s+Date\s*\(\s*\)/g },
  { name: "Math.random", regex: /(?<![\w$.])Math\s*\.\s*random\b/g },
  { name: "process.", regex: /(?<![\w$.])process\s*[.[]/g },
  { name: "Deno.", regex: /(?<![\w$.])Deno\s*[.[]/g },
  { name: "crypto.", regex: /(?<![\w$.])crypto\s*[.[]/g },
  { name: "setTimeout", regex: /(?<![\w$.])setTimeout\b/g },
  { name: "setInterval", regex: /(?<![\w$.])setInterval\b/g },
  { name: "performance.", regex: /(?<![\w$.])performance\s*[.[]/g },
  { name: "console.", regex: /(?<![\w$.])console\s*[.[]/g },
];

/** Reads of the environment, allowed only in `src/runtime/**`. */
export const ENV_READS: readonly { name: string; regex: RegExp }[] = [
  { name: "process.env", regex: /(?<![\w$.])process\s*(?:\.\s*env\b|\[)/g },
  { name: "Deno.env", regex: /(?<![\w$.])Deno\s*(?:\.\s*env\b|\[)/g },
];

const within = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const inEngine = within("src/engine");
const inRuntime = within("src/runtime");
const inHttp = within("src/http");
const inRoutes = within("src/routes");
const inRuns = within("src/runs");

/** Engine modules that `src/routes/**` may import: the public index and the shared types. */
export const ENGINE_PUBLIC = new Set(["src/engine/index.ts", "src/engine/types.ts"]);

/** A relative import resolved against the importing file, e.g. `src/http/errors.ts`. */
export function resolveRelative(from: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(from), specifier));
}

interface EdgeRule {
  rule: string;
  applies: (from: string) => boolean;
  forbids: (target: string) => boolean;
}

/** Rules over resolved relative imports (`from` imports `target`). */
export const EDGE_RULES: readonly EdgeRule[] = [
  { rule: "src/engine imports nothing outside src/engine", applies: inEngine, forbids: (t) => !inEngine(t) },
  { rule: "only src/runtime (the hosts) imports src/runtime", applies: (f) => !inRuntime(f), forbids: inRuntime },
  { rule: "only the hosts and src/mod.ts import src/app.ts", applies: (f) => !inRuntime(f) && f !== "src/mod.ts", forbids: (t) => t === "src/app.ts" },
  { rule: "src/http does not import the engine", applies: inHttp, forbids: inEngine },
  { rule: "src/http does not import src/routes or src/runs", applies: inHttp, forbids: (t) => inRoutes(t) || inRuns(t) },
  {
    rule: "src/routes imports the engine only through src/engine/index.ts or src/engine/types.ts",
    applies: inRoutes,
    forbids: (t) => inEngine(t) && !ENGINE_PUBLIC.has(t),
  },
  { rule: "src/runs does not import src/http or src/routes", applies: inRuns, forbids: (t) => inHttp(t) || inRoutes(t) },
];

function matchLines(masked: string, regex: RegExp): number[] {
  const lines: number[] = [];
  for (const match of masked.matchAll(regex)) lines.push(masked.slice(0, match.index).split("\n").length);
  return lines;
}

function referenceViolations(file: SourceFile, known: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  const add = (rule: string, line: number, found: string) => out.push({ rule, file: file.path, line, found });
  for (const ref of file.references) {
    const shown = `${ref.kind} import ${JSON.stringify(ref.specifier)}`;
    if (ref.specifier === null) {
      add("every import has a literal specifier", ref.line, `${ref.kind} import with a computed specifier`);
      continue;
    }
    const spec = ref.specifier;
    if (spec.startsWith("./") || spec.startsWith("../")) {
      if (!spec.endsWith(".ts")) add("every relative import ends in .ts", ref.line, shown);
      const target = resolveRelative(file.path, spec);
      if (spec.endsWith(".ts") && !known.has(target)) add("every relative import names an existing file under src/", ref.line, `${shown} → ${target}`);
      for (const edge of EDGE_RULES) {
        if (edge.applies(file.path) && edge.forbids(target)) add(edge.rule, ref.line, `${shown} → ${target}`);
      }
    } else {
      if (inEngine(file.path)) add("src/engine imports no packages", ref.line, shown);
      else if (!inRuntime(file.path) && isHostModule(spec)) add("only src/runtime imports host modules", ref.line, shown);
    }
  }
  return out;
}

function globalViolations(file: SourceFile): Violation[] {
  const out: Violation[] = [];
  if (inEngine(file.path)) {
    for (const { name, regex } of ENGINE_FORBIDDEN) {
      for (const line of matchLines(file.masked, regex)) out.push({ rule: "src/engine uses no host globals", file: file.path, line, found: name });
    }
  }
  if (!inRuntime(file.path)) {
    for (const { name, regex } of ENV_READS) {
      for (const line of matchLines(file.masked, regex)) out.push({ rule: "only src/runtime reads the environment", file: file.path, line, found: name });
    }
  }
  return out;
}

/** Every violation in `files`, ordered by file and line. */
export function checkImportRules(files: readonly SourceFile[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const all = files.flatMap((file) => [...referenceViolations(file, known), ...globalViolations(file)]);
  return all.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
