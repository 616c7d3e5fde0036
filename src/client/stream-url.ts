/** Builds the WebSocket URL of a run's or an optimisation's stream from the API's base URL. */

/** `ws(s)://host[/prefix]/v1/{kind}/{id}/stream?last_event_id=N[&api_key=K]`. */
export function streamUrl(baseUrl: string, kind: "backtests" | "optimizations", id: string, lastEventId: number, apiKey?: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === "https:" || url.protocol === "wss:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/${kind}/${encodeURIComponent(id)}/stream`;
  url.search = "";
  url.hash = "";
  url.searchParams.set("last_event_id", String(lastEventId));
  if (apiKey !== undefined && apiKey !== "") url.searchParams.set("api_key", apiKey);
  return url.toString();
}

/** `ws(s)://host[/prefix]/v1/backtests/{runId}/stream?last_event_id=N[&api_key=K]`. */
export function runStreamUrl(baseUrl: string, runId: string, lastEventId: number, apiKey?: string): string {
  return streamUrl(baseUrl, "backtests", runId, lastEventId, apiKey);
}

/** `ws(s)://host[/prefix]/v1/optimizations/{id}/stream?last_event_id=N[&api_key=K]`. */
export function optimizationStreamUrl(baseUrl: string, optimizationId: string, lastEventId: number, apiKey?: string): string {
  return streamUrl(baseUrl, "optimizations", optimizationId, lastEventId, apiKey);
}
