import { describe, expect, it } from "vitest";
import { createBufferedSink } from "../../src/logging/buffered-sink.ts";

describe("createBufferedSink", () => {
  it("writes the lines of one turn together, newline-terminated, once the scheduled flush runs", () => {
    const writes: string[] = [];
    const tasks: (() => void)[] = [];
    const { sink } = createBufferedSink((text) => writes.push(text), (task) => tasks.push(task));
    sink("a");
    sink("b");
    expect(writes).toEqual([]);
    expect(tasks).toHaveLength(1);
    tasks[0]();
    expect(writes).toEqual(["a\nb\n"]);
    sink("c");
    expect(tasks).toHaveLength(2);
    tasks[1]();
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("flush() writes at once and a later scheduled flush writes nothing twice", () => {
    const writes: string[] = [];
    const tasks: (() => void)[] = [];
    const { sink, flush } = createBufferedSink((text) => writes.push(text), (task) => tasks.push(task));
    sink("x");
    flush();
    expect(writes).toEqual(["x\n"]);
    tasks[0]();
    expect(writes).toEqual(["x\n"]);
  });

  it("bounds the buffer: 512 lines force a write within the turn", () => {
    const writes: string[] = [];
    const { sink } = createBufferedSink((text) => writes.push(text), () => undefined);
    for (let i = 0; i < 512; i++) sink(`line ${i}`);
    expect(writes).toHaveLength(1);
    expect(writes[0].split("\n")).toHaveLength(513);
  });
});
