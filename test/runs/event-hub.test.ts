import { afterEach, describe, expect, it, vi } from "vitest";
import { EventHub } from "../../src/runs/event-hub.ts";
import { eventJson } from "../../src/runs/event-json.ts";
import type { StreamEvent } from "../../src/runs/stream-protocol.ts";

const event = (id: number): StreamEvent => ({ event_id: id, type: "progress", timestamp: "2026-01-01T00:00:00Z", payload: { progress: id / 1000 } });

/** A store of `count` events that counts its reads and can hold them until released. */
function countingStore(count: number) {
  let events = Array.from({ length: count }, (_, i) => event(i + 1));
  const reads: string[] = [];
  return {
    reads,
    /** Stores `n` more events and returns them. */
    append(n: number): StreamEvent[] {
      const added = Array.from({ length: n }, (_, i) => event(events.length + i + 1));
      events = [...events, ...added];
      return added;
    },
    async readEvents(_id: string, afterId: number, limit: number): Promise<StreamEvent[]> {
      reads.push(`${afterId}:${limit}`);
      // Fresh objects per read, as the SQL stores give.
      return events.filter((e) => e.event_id > afterId).slice(0, limit).map((e) => ({ ...e }));
    },
  };
}

describe("EventHub store reads", () => {
  it("shares full pages between the readers of a run with listeners, as the same objects", async () => {
    const store = countingStore(600);
    const hub = new EventHub(store);
    hub.listen("r", { notify: () => undefined });
    const [a, b] = await Promise.all([hub.read("r", 0, 256), hub.read("r", 0, 256)]);
    const c = await hub.read("r", 0, 256);
    expect(store.reads).toEqual(["0:256"]);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.map((e) => e.event_id)).toEqual(Array.from({ length: 256 }, (_, i) => i + 1));
    await hub.read("r", 256, 256);
    await hub.read("r", 256, 256);
    expect(store.reads).toEqual(["0:256", "256:256"]);
  });

  it("seeds the ring with a read that reached the end of the log: later readers and live events come from memory", async () => {
    const store = countingStore(10);
    const hub = new EventHub(store);
    hub.listen("r", { notify: () => undefined });
    const first = await hub.read("r", 0, 256);
    expect(first).toHaveLength(10);
    // Every append is published after it is stored (the writer's contract).
    const appended = store.append(5);
    hub.publish("r", appended);
    const later = await Promise.all(Array.from({ length: 50 }, () => hub.read("r", 0, 256)));
    for (const events of later) expect(events.map((e) => e.event_id)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(later[0][0]).toBe(first[0]);
    expect(await hub.read("r", 12, 256)).toEqual(appended.slice(2));
    expect(store.reads).toEqual(["0:256"]);
  });

  it("seeds the ring also when events were published while the read was in flight, and never leaves a gap", async () => {
    const store = countingStore(10);
    const hub = new EventHub(store);
    hub.listen("r", { notify: () => undefined });
    const reading = hub.read("r", 0, 256);
    hub.publish("r", store.append(2));
    expect(await reading).toHaveLength(10);
    expect((await hub.read("r", 0, 256)).map((e) => e.event_id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(store.reads).toEqual(["0:256"]);
    // A ring that does not join the read (events it never saw in between) is left alone.
    const other = countingStore(10);
    const gapHub = new EventHub(other);
    gapHub.listen("r", { notify: () => undefined });
    other.append(5);
    gapHub.publish("r", other.append(1));
    expect(await gapHub.read("r", 0, 5)).toHaveLength(5);
    expect((await gapHub.read("r", 0, 256)).map((e) => e.event_id)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect((await gapHub.read("r", 0, 256)).map((e) => e.event_id)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it("does not keep a failed read, and keeps nothing for a run without listeners", async () => {
    const store = countingStore(300);
    let fail = true;
    const hub = new EventHub({
      readEvents: (id, after, limit) => (fail ? Promise.reject(new Error("disk")) : store.readEvents(id, after, limit)),
    });
    const stop = hub.listen("r", { notify: () => undefined });
    await expect(hub.read("r", 0, 256)).rejects.toThrow("disk");
    fail = false;
    expect(await hub.read("r", 0, 256)).toHaveLength(256);
    stop();
    await hub.read("r", 0, 256);
    await hub.read("r", 0, 256);
    expect(store.reads).toEqual(["0:256", "0:256", "0:256"]);
  });

  it("keeps a bounded number of pages per run", async () => {
    const store = countingStore(256 * 20);
    const hub = new EventHub(store);
    hub.listen("r", { notify: () => undefined });
    for (let page = 0; page < 20; page++) await hub.read("r", page * 256, 256);
    await hub.read("r", 0, 256);
    expect(store.reads.filter((r) => r === "0:256")).toHaveLength(2);
    await hub.read("r", 19 * 256, 256);
    expect(store.reads.filter((r) => r === `${19 * 256}:256`)).toHaveLength(1);
  });
});

describe("EventHub linger", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps a run's ring for lingerMs after its last listener left, for a subscriber arriving just after", async () => {
    vi.useFakeTimers();
    const store = countingStore(20);
    const hub = new EventHub(store, { lingerMs: 5_000 });
    const stop = hub.listen("r", { notify: () => undefined });
    await hub.read("r", 0, 256);
    stop();
    stop();
    vi.advanceTimersByTime(4_000);
    const again = hub.listen("r", { notify: () => undefined });
    expect(await hub.read("r", 0, 256)).toHaveLength(20);
    expect(store.reads).toEqual(["0:256"]);
    again();
    vi.advanceTimersByTime(5_001);
    expect(hub.listenerCount("r")).toBe(0);
    hub.listen("r", { notify: () => undefined });
    await hub.read("r", 0, 256);
    expect(store.reads).toEqual(["0:256", "0:256"]);
  });

  it("drops the channel at once without lingerMs", async () => {
    const store = countingStore(20);
    const hub = new EventHub(store);
    const stop = hub.listen("r", { notify: () => undefined });
    await hub.read("r", 0, 256);
    stop();
    hub.listen("r", { notify: () => undefined });
    await hub.read("r", 0, 256);
    expect(store.reads).toEqual(["0:256", "0:256"]);
  });
});

describe("eventJson", () => {
  it("is JSON.stringify of the event, computed once per object", () => {
    const e = event(7);
    expect(eventJson(e)).toBe(JSON.stringify(e));
    expect(eventJson(e)).toBe(eventJson(e));
    expect(eventJson({ ...e, event_id: 8 })).toBe(JSON.stringify({ ...e, event_id: 8 }));
  });
});
