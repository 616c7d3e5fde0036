/**
 * Setup of the workerd suite: the Worker writes one audit line per request to `console.log` in
 * the tests' own isolate. Keep them per test and print them only when that test fails.
 */
import { beforeEach, onTestFailed, vi } from "vitest";

const print = console.log.bind(console);

beforeEach(() => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  onTestFailed(() => {
    for (const line of lines) print(line);
  });
});
