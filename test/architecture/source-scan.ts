/**
 * A small lexical scanner for the import-graph test: it blanks comments and the contents of
 * string, template and regular-expression literals (keeping offsets and line breaks), so that
 * rules can match code with regexes without tripping over prose or embedded source text, and it
 * reads the module specifiers of `import` / `export … from` / `import("…")`.
 */

/** One module reference found in a source file. */
export interface ModuleReference {
  /** The specifier as written, or `null` for a dynamic import whose argument is not a plain literal. */
  specifier: string | null;
  /** 1-based line of the `import` / `export` keyword. */
  line: number;
  kind: "static" | "side-effect" | "dynamic";
}

// After these characters (or these keywords) a `/` starts a regular expression, not a division.
const REGEX_PRECEDERS = new Set("(,=:[!&|?{};+-*%<>~^");
const REGEX_KEYWORDS = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"]);

function blank(ch: string): string {
  return ch === "\n" || ch === "\r" ? ch : " ";
}

function previousWord(out: string[], end: number): string {
  let start = end;
  while (start > 0 && /[\w$]/.test(out[start - 1])) start -= 1;
  return out.slice(start, end).join("");
}

function startsRegex(out: string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(out[j])) j -= 1;
  if (j < 0) return true;
  if (REGEX_PRECEDERS.has(out[j])) return true;
  return /[\w$]/.test(out[j]) && REGEX_KEYWORDS.has(previousWord(out, j + 1));
}

/** Returns `text` with comments and literal contents replaced by spaces (quotes and line breaks kept). */
export function maskSource(text: string): string {
  const out = text.split("");
  // Each entry is the brace depth inside one open `${ … }` of a template literal.
  const templates: number[] = [];
  let i = 0;
  const skipQuoted = (quote: string): void => {
    i += 1;
    while (i < out.length && out[i] !== quote && out[i] !== "\n") {
      if (out[i] === "\\") out[i++] = " ";
      if (i < out.length) out[i] = blank(out[i]);
      i += 1;
    }
    i += 1;
  };
  const skipTemplate = (): void => {
    // Entered just after a backtick or a closing `}` of a substitution.
    while (i < out.length && out[i] !== "`") {
      if (out[i] === "\\") {
        out[i++] = " ";
      } else if (out[i] === "$" && out[i + 1] === "{") {
        templates.push(0);
        i += 2;
        return;
      }
      if (i < out.length) out[i] = blank(out[i]);
      i += 1;
    }
    i += 1;
  };
  while (i < out.length) {
    const ch = out[i];
    const next = out[i + 1];
    if (ch === "/" && next === "/") {
      while (i < out.length && out[i] !== "\n") out[i++] = " ";
    } else if (ch === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? out.length : end + 2;
      for (; i < stop; i += 1) out[i] = blank(out[i]);
    } else if (ch === "'" || ch === '"') {
      skipQuoted(ch);
    } else if (ch === "`") {
      i += 1;
      skipTemplate();
    } else if (ch === "{" && templates.length > 0) {
      templates[templates.length - 1] += 1;
      i += 1;
    } else if (ch === "}" && templates.length > 0 && templates[templates.length - 1] === 0) {
      templates.pop();
      i += 1;
      skipTemplate();
    } else if (ch === "}" && templates.length > 0) {
      templates[templates.length - 1] -= 1;
      i += 1;
    } else if (ch === "/" && startsRegex(out, i)) {
      i += 1;
      let inClass = false;
      while (i < out.length && out[i] !== "\n" && (inClass || out[i] !== "/")) {
        if (out[i] === "\\") out[i++] = " ";
        else if (out[i] === "[") inClass = true;
        else if (out[i] === "]") inClass = false;
        if (i < out.length) out[i] = blank(out[i]);
        i += 1;
      }
      i += 1;
    } else {
      i += 1;
    }
  }
  return out.join("");
}

const PATTERNS: readonly { kind: ModuleReference["kind"]; regex: RegExp }[] = [
  // `import x, { y as z } from "…"`, `import type …`, `export * as ns from "…"`, `export { a } from "…"`
  { kind: "static", regex: /(?<![\w$.])(?:import|export)\s+(?:type\s+)?[\w$*{},\s]*?\bfrom\s*(["'])/g },
  { kind: "side-effect", regex: /(?<![\w$.])import\s*(["'])/g },
  { kind: "dynamic", regex: /(?<![\w$.])import\s*\(\s*(["'`]?)/g },
];

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Every module reference in `text`, in source order. Comments and literals are never mistaken for imports. */
export function findModuleReferences(text: string): ModuleReference[] {
  const masked = maskSource(text);
  const found: (ModuleReference & { index: number })[] = [];
  for (const { kind, regex } of PATTERNS) {
    for (const match of masked.matchAll(regex)) {
      const quote = match[1];
      const open = match.index + match[0].length - 1;
      const closing = quote ? text.indexOf(quote, open + 1) : -1;
      const literal = quote && closing !== -1 ? text.slice(open + 1, closing) : null;
      const specifier = quote === "`" && literal?.includes("${") ? null : literal;
      // A dynamic import's literal must be the whole argument: `import("a" + b)` is not checkable.
      const whole = kind !== "dynamic" || (closing !== -1 && /^\s*\)/.test(masked.slice(closing + 1)));
      found.push({ specifier: whole ? specifier : null, line: lineOf(text, match.index), kind, index: match.index });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ index: _index, ...reference }) => reference);
}
