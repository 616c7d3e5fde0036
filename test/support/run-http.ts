/**
 * A small HTTP client of the run routes of a started server (API spec §1): JSON calls with the
 * suite's key, creating runs, polling a run until a state, and reading a run's whole event log.
 */
import { expect } from "vitest";

/** A run event as the API sends it (§5). */
export interface WireEvent {
  event_id: number;
  run_id: string;
  type: string;
  timestamp: string;
  payload: Record<string, unknown>;
}

/** A parsed response: status, headers and JSON body (null when the body is empty). */
export interface JsonReply<T> {
  res: Response;
  json: T;
}

/** Run routes of one server, called with one key. */
export class RunHttp {
  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
  ) {}

  /** Absolute URL of `path`. */
  url(path: string): string {
    return `${this.baseUrl()}${path}`;
  }

  /** A request with the key; JSON body when `body` is an object. */
  async call<T = Record<string, unknown>>(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<JsonReply<T>> {
    const headers: Record<string, string> = { "X-API-Key": this.apiKey, ...init.headers };
    let body: string | undefined;
    if (typeof init.body === "string") body = init.body;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["Content-Type"] ??= "application/json";
    }
    const res = await fetch(this.url(path), { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
    const text = await res.text();
    return { res, json: (text === "" ? null : JSON.parse(text)) as T };
  }

  /** `POST /v1/backtests`, expecting 201; returns the run id and the reply. */
  async create(body: Record<string, unknown>): Promise<JsonReply<Record<string, unknown>> & { runId: string }> {
    const reply = await this.call("/v1/backtests", { body });
    if (reply.res.status !== 201) expect.fail(`POST /v1/backtests answered ${reply.res.status}: ${JSON.stringify(reply.json)}`);
    return { ...reply, runId: String(reply.json.run_id) };
  }

  /** Polls `GET /v1/backtests/{id}` until its state is one of `states`. */
  async waitForState(runId: string, states: string[], timeoutMs = 30_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { json } = await this.call(`/v1/backtests/${runId}`);
      if (states.includes(String(json?.state))) return json;
      if (Date.now() > deadline) expect.fail(`run ${runId} stayed ${JSON.stringify(json)}; wanted ${states.join("|")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Every stored event of a run, read page by page from `/events`. */
  async allEvents(runId: string): Promise<WireEvent[]> {
    const events: WireEvent[] = [];
    for (;;) {
      const after = events.length === 0 ? 0 : events[events.length - 1].event_id;
      const { res, json } = await this.call<WireEvent[]>(`/v1/backtests/${runId}/events?after=${after}&limit=1000`);
      if (res.status !== 200) expect.fail(`events of ${runId} answered ${res.status}`);
      events.push(...json);
      if (json.length < 1000) return events;
    }
  }

  /** The result's `content_hash` (and the ETag), expecting 200. */
  async contentHash(runId: string): Promise<string> {
    const { res, json } = await this.call(`/v1/backtests/${runId}/results`);
    if (res.status !== 200) expect.fail(`results of ${runId} answered ${res.status}: ${JSON.stringify(json)}`);
    expect(res.headers.get("etag")).toBe(`"${String(json.content_hash)}"`);
    return String(json.content_hash);
  }
}
