import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SourceFile } from "./import-rules.ts";
import { checkImportRules, formatViolation } from "./import-rules.ts";
import { findModuleReferences, maskSource } from "./source-scan.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(full);
    return entry.isFile() && entry.name.endsWith(".ts") ? [full] : [];
  });
}

function scan(path: string, text: string): SourceFile {
  return { path, masked: maskSource(text), references: findModuleReferences(text) };
}

function loadSources(): SourceFile[] {
  return listTs(join(ROOT, "src"))
    .map((full) => scan(relative(ROOT, full).split(sep).join("/"), readFileSync(full, "utf8")))
    .sort((a, b) => a.path.localeCompare(b.path));
}

describe("import graph of src/", () => {
  const files = loadSources();

  it("finds the source tree and its imports", () => {
    const paths = files.map((f) => f.path);
    expect(paths).toContain("src/app.ts");
    expect(paths).toContain("src/engine/index.ts");
    expect(paths).toContain("src/runtime/node.ts");
    const node = files.find((f) => f.path === "src/runtime/node.ts");
    expect(node?.references.map((r) => r.specifier)).toContain("@hono/node-server");
  });

  it("follows the dependency rules of design.md", () => {
    const violations = checkImportRules(files).map(formatViolation);
    expect(violations, `dependency rules broken:\n${violations.join("\n")}`).toEqual([]);
  });
});

describe("the rules catch what they must", () => {
  const cases: readonly [name: string, files: SourceFile[], expected: string[]][] = [
    [
      "engine importing a package, a file outside the engine, and host globals",
      [
        scan("src/engine/x.ts", 'import { z } from "zod";\nimport { a } from "../app.ts";\nconst t = Date.now() + Math.random();\nconsole.log(new Date());'),
        scan("src/app.ts", ""),
      ],
      [
        'src/engine/x.ts:1: src/engine imports no packages — static import "zod"',
        'src/engine/x.ts:2: src/engine imports nothing outside src/engine — static import "../app.ts" → src/app.ts',
        'src/engine/x.ts:2: only the hosts and src/mod.ts import src/app.ts — static import "../app.ts" → src/app.ts',
        "src/engine/x.ts:3: src/engine uses no host globals — Date.now",
        "src/engine/x.ts:3: src/engine uses no host globals — Math.random",
        "src/engine/x.ts:4: src/engine uses no host globals — new Date()",
        "src/engine/x.ts:4: src/engine uses no host globals — console.",
      ],
    ],
    [
      "host modules and environment reads outside src/runtime",
      [
        scan("src/http/y.ts", 'import { serve } from "@hono/node-server";\nimport type { IncomingMessage } from "node:http";\nimport { DurableObject } from "cloudflare:workers";\nconst k = process.env.KEY ?? Deno.env.get("KEY");'),
        scan("src/runtime/node.ts", 'import { WebSocketServer } from "ws";\nconst p = process.env.PORT;'),
      ],
      [
        'src/http/y.ts:1: only src/runtime imports host modules — static import "@hono/node-server"',
        'src/http/y.ts:2: only src/runtime imports host modules — static import "node:http"',
        'src/http/y.ts:3: only src/runtime imports host modules — static import "cloudflare:workers"',
        "src/http/y.ts:4: only src/runtime reads the environment — process.env",
        "src/http/y.ts:4: only src/runtime reads the environment — Deno.env",
      ],
    ],
    [
      "layer crossings and relative imports without .ts",
      [
        scan("src/routes/r.ts", 'import { x } from "../engine/run/stream-backtest.ts";\nimport { y } from "../engine/index.ts";\nimport { z } from "../runtime/node.ts";'),
        scan("src/http/h.ts", 'export { t } from "../engine/types.ts";\nimport { u } from "./errors";'),
        scan("src/runs/s.ts", 'import { v } from "../http/errors.ts";'),
        scan("src/engine/run/stream-backtest.ts", ""),
        scan("src/engine/index.ts", ""),
        scan("src/engine/types.ts", ""),
        scan("src/runtime/node.ts", ""),
        scan("src/http/errors.ts", ""),
      ],
      [
        'src/http/h.ts:1: src/http does not import the engine — static import "../engine/types.ts" → src/engine/types.ts',
        'src/http/h.ts:2: every relative import ends in .ts — static import "./errors"',
        'src/routes/r.ts:1: src/routes imports the engine only through src/engine/index.ts or src/engine/types.ts — static import "../engine/run/stream-backtest.ts" → src/engine/run/stream-backtest.ts',
        'src/routes/r.ts:3: only src/runtime (the hosts) imports src/runtime — static import "../runtime/node.ts" → src/runtime/node.ts',
        'src/runs/s.ts:1: src/runs does not import src/http or src/routes — static import "../http/errors.ts" → src/http/errors.ts',
      ],
    ],
    [
      "a relative import of a missing file",
      [scan("src/app.ts", 'import { w } from "./http/nope.ts";')],
      ['src/app.ts:1: every relative import names an existing file under src/ — static import "./http/nope.ts" → src/http/nope.ts'],
    ],
  ];

  it.each(cases)("%s", (_name, files, expected) => {
    expect(checkImportRules(files).map(formatViolation)).toEqual(expected);
  });

  it("leaves identifiers that merely contain a forbidden name alone", () => {
    const file = scan("src/engine/ok.ts", "const preprocess = { x: 1 };\nconst v = preprocess.x + myconsole.y + obj.Date.now;\n// Date.now() in a comment\nconst s = \"Math.random\";\nconst d = new Date(0);");
    expect(checkImportRules([file])).toEqual([]);
  });
});
