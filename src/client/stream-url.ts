/** Builds the WebSocket URL of a run's stream from the API's base URL. */

/** `ws(s)://host[/prefix]/v1/backtests/{runId}/stream?last_event_id=N[&api_key=K]`. */
export function runStreamUrl(baseUrl: string, runId: string, lastEventId: number, apiKey?: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === "https:" || url.protocol === "wss:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/backtests/${encodeURIComponent(runId)}/stream`;
  url.search = "";
  url.hash = "";
  url.searchParams.set("last_event_id", String(lastEventId));
  if (apiKey !== undefined && apiKey !== "") url.searchParams.set("api_key", apiKey);
  return url.toString();
}
