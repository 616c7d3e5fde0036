/**
 * Setup of the workerd suite: the Worker writes one audit line per request to `console.log` in
 * the tests' own isolate. Keep them per test and print them only when that test fails; lines
 * written outside a test (a `describe` body creating fixtures) are dropped.
 * Installed by assignment rather than `vi.spyOn`, so a test's own `vi.restoreAllMocks()` (many
 * undo their gates that way mid-test) leaves it in place.
 */
import { afterEach, beforeEach, onTestFailed } from "vitest";

const print = console.log.bind(console);
let lines: string[] | null = null;

console.log = (...args: unknown[]) => {
  lines?.push(args.map(String).join(" "));
};

beforeEach(() => {
  const own: string[] = [];
  lines = own;
  onTestFailed(() => {
    for (const line of own) print(line);
  });
});

afterEach(() => {
  lines = null;
});
