/**
 * A minimal client of the run routes (API spec §1) for the bench scripts: no test framework,
 * every call returns its status so the caller decides what counts as a problem.
 */

/** A run event as the API sends it (API spec §5). */
export interface WireEvent {
  event_id: number;
  run_id: string;
  type: string;
  timestamp: string;
  payload: Record<string, unknown>;
}

/** Status and parsed JSON body (null when empty or not JSON) of one call. */
export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  json: T;
}

/** The terminal run states. */
export const TERMINAL_STATES: readonly string[] = ["completed", "failed", "cancelled"];

const PAGE = 1000;

/** Run routes of one server (`baseUrl()` may change across restarts), called with one key. */
export class ApiClient {
  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
  ) {}

  /** Absolute URL of `path`. */
  url(path: string): string {
    return `${this.baseUrl()}${path}`;
  }

  /** One request with the key (or `headers` overriding it); a JSON body when `body` is given. */
  async call<T = Record<string, unknown>>(path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { "X-API-Key": this.apiKey, ...init.headers };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(this.url(path), {
      method: init.body === undefined ? "GET" : "POST", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json: json as T };
  }

  /** `POST /v1/backtests`: the run id on 201, else null. */
  async create(body: Record<string, unknown>): Promise<{ status: number; runId: string | null }> {
    const reply = await this.call("/v1/backtests", { body });
    return { status: reply.status, runId: reply.status === 201 && typeof reply.json?.run_id === "string" ? reply.json.run_id : null };
  }

  /** Polls `GET /v1/backtests/{id}` every `everyMs` until a terminal state; throws after `timeoutMs`. */
  async waitForTerminal(runId: string, timeoutMs: number, everyMs = 100): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, json } = await this.call(`/v1/backtests/${runId}`);
      if (status === 200 && TERMINAL_STATES.includes(String(json.state))) return json;
      if (Date.now() > deadline) throw new Error(`run ${runId} not terminal after ${timeoutMs} ms: ${status} ${JSON.stringify(json)}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** Every stored event of a run, page by page from `/events`. */
  async allEvents(runId: string): Promise<WireEvent[]> {
    const events: WireEvent[] = [];
    for (;;) {
      const after = events.length === 0 ? 0 : events[events.length - 1].event_id;
      const { status, json } = await this.call<WireEvent[]>(`/v1/backtests/${runId}/events?after=${after}&limit=${PAGE}`);
      if (status !== 200) throw new Error(`events of ${runId} answered ${status}`);
      events.push(...json);
      if (json.length < PAGE) return events;
    }
  }

  /** The result's `content_hash`, or null when `/results` does not answer 200. */
  async contentHash(runId: string): Promise<string | null> {
    const { status, json } = await this.call(`/v1/backtests/${runId}/results`);
    return status === 200 && typeof json.content_hash === "string" ? json.content_hash : null;
  }

  /** Ids of every stored run, following the list's `Link: rel="next"` pages. */
  async allRunIds(): Promise<string[]> {
    const ids: string[] = [];
    let path: string | null = "/v1/backtests?limit=200";
    while (path !== null) {
      const reply: ApiReply<Array<{ run_id: string }>> = await this.call<Array<{ run_id: string }>>(path);
      if (reply.status !== 200) throw new Error(`list answered ${reply.status}`);
      ids.push(...reply.json.map((run) => run.run_id));
      const next = /<([^>]+)>;\s*rel="next"/.exec(reply.headers.get("link") ?? "")?.[1];
      path = next === undefined ? null : new URL(next, this.url("/")).pathname + new URL(next, this.url("/")).search;
    }
    return ids;
  }
}
