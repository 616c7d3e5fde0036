/**
 * The headers the middleware stack adds to every response (request id, security headers, rate
 * limits), gathered per request and applied once. A response the app builds itself (the error
 * envelope) gets them at construction as a plain header record; on Node that keeps
 * @hono/node-server on its fast path, where setting them one by one on `Response.headers` made
 * it build and then iterate an undici `Headers` (a measured ~10 µs per request). Any other
 * response gets them set on its `headers` once the handler is done, as before.
 */

/** A header the plan adds, and whether it replaces the response's own value or only fills a gap. */
export interface PlannedHeader {
  readonly name: string;
  readonly lower: string;
  readonly value: string;
  /** True: only when the response has none (e.g. a page's own Content-Security-Policy wins). */
  readonly fallback: boolean;
}

/** A per-request list of response headers; later entries for the same name win. */
export class HeaderPlan {
  private readonly entries: PlannedHeader[] = [];
  private built: Response | null = null;
  private builtCount = 0;

  /** Adds `name: value`, replacing any value the response has. */
  set(name: string, value: string): void {
    this.entries.push({ name, lower: name.toLowerCase(), value, fallback: false });
  }

  /** Adds `name: value` unless the response has its own. */
  setDefault(name: string, value: string): void {
    this.entries.push({ name, lower: name.toLowerCase(), value, fallback: true });
  }

  /** Adds already-lower-cased entries built once at start-up (see `plannedHeaders`). */
  addAll(entries: readonly PlannedHeader[]): void {
    for (const entry of entries) this.entries.push(entry);
  }

  /**
   * A response with `own` headers merged with the plan so far, as a plain record. `own` keys are
   * matched case-insensitively; the plan's name spelling wins for headers it replaces.
   */
  respond(body: string | null, status: number, own: Readonly<Record<string, string>>): Response {
    const headers: Record<string, string> = {};
    // Lower-cased name → the spelling used in `headers`, for case-insensitive replacement.
    const present = new Map<string, string>();
    for (const name in own) {
      headers[name] = own[name];
      present.set(name.toLowerCase(), name);
    }
    for (const entry of this.entries) {
      const existing = present.get(entry.lower);
      if (existing !== undefined) {
        if (entry.fallback) continue;
        if (existing !== entry.name) delete headers[existing];
      }
      headers[entry.name] = entry.value;
      present.set(entry.lower, entry.name);
    }
    const response = new Response(body, { status, headers });
    this.built = response;
    this.builtCount = this.entries.length;
    return response;
  }

  /** Sets the entries `response` does not carry yet (all of them unless `respond` built it). */
  applyTo(response: Response): void {
    const start = response === this.built ? this.builtCount : 0;
    if (start >= this.entries.length) return;
    const headers = response.headers;
    for (let i = start; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (!entry.fallback) headers.set(entry.name, entry.value);
      else if (!headers.has(entry.name)) headers.set(entry.name, entry.value);
    }
  }
}

/** Entries for `HeaderPlan.addAll`, lower-cased once. */
export function plannedHeaders(pairs: readonly (readonly [string, string])[], fallback = false): readonly PlannedHeader[] {
  return pairs.map(([name, value]) => ({ name, lower: name.toLowerCase(), value, fallback }));
}
