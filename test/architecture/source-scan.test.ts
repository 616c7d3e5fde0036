import { describe, expect, it } from "vitest";
import { findModuleReferences, maskSource } from "./source-scan.ts";

describe("findModuleReferences", () => {
  it("reads every import and export-from form with its line", () => {
    const source = [
      'import { a } from "./a.ts";',
      "import type { B } from './b.ts';",
      'import * as c from "c";',
      'import d, { e as f } from "node:fs";',
      'import "./side-effect.ts";',
      'export { g } from "./g.ts";',
      'export * from "./h.ts";',
      'export type * as I from "./i.ts";',
      "export {",
      "  j,",
      '} from "./j.ts";',
      'const k = await import("./k.ts");',
    ].join("\n");
    expect(findModuleReferences(source)).toEqual([
      { specifier: "./a.ts", line: 1, kind: "static" },
      { specifier: "./b.ts", line: 2, kind: "static" },
      { specifier: "c", line: 3, kind: "static" },
      { specifier: "node:fs", line: 4, kind: "static" },
      { specifier: "./side-effect.ts", line: 5, kind: "side-effect" },
      { specifier: "./g.ts", line: 6, kind: "static" },
      { specifier: "./h.ts", line: 7, kind: "static" },
      { specifier: "./i.ts", line: 8, kind: "static" },
      { specifier: "./j.ts", line: 9, kind: "static" },
      { specifier: "./k.ts", line: 12, kind: "dynamic" },
    ]);
  });

  it("ignores imports inside comments, strings, templates and regex literals", () => {
    const source = [
      '// import { x } from "./commented.ts";',
      '/* export * from "./block.ts"; */',
      "const s = \"import { y } from './in-string.ts'\";",
      "const t = `import z from \"./in-template.ts\" ${'import(\"./nested.ts\")'}`;",
      "const r = /import \"x\"/;",
      "const meta = import.meta.url;",
      "export const from = 'not-a-module';",
    ].join("\n");
    expect(findModuleReferences(source)).toEqual([]);
  });

  it("reports a dynamic import with a computed argument as unreadable", () => {
    expect(findModuleReferences('await import("./a" + name);\nawait import(name);')).toEqual([
      { specifier: null, line: 1, kind: "dynamic" },
      { specifier: null, line: 2, kind: "dynamic" },
    ]);
  });
});

describe("maskSource", () => {
  it("blanks comments and literal contents but keeps offsets, quotes, newlines and code", () => {
    const source = 'const a = "Date.now()"; // Math.random\nconst b = x / 2 / y; /* console.log */ Date.now();\nconst c = `${Math.random()} ok`;';
    const masked = maskSource(source);
    expect(masked.length).toBe(source.length);
    const gap = (text: string) => " ".repeat(text.length);
    expect(masked).toBe(
      `const a = "${gap("Date.now()")}"; ${gap("// Math.random")}\nconst b = x / 2 / y; ${gap("/* console.log */")} Date.now();\nconst c = \`\${Math.random()}${gap(" ok")}\`;`,
    );
  });

  it("tells a regex literal from a division", () => {
    expect(maskSource("const q = a / b; const r = (/'/).test(s); return /\"/;")).toBe(
      "const q = a / b; const r = (/ /).test(s); return / /;",
    );
  });
});
