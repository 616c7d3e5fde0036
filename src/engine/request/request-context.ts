/** What the host tells request normalisation about itself. */

/** Host facts that change which requests are valid. */
export interface RequestContext {
  /** The host runtime, named in messages. */
  runtime: "node" | "deno" | "workerd";
  /** Whether `data_source: "csv"` can be served (local hosting only). */
  csvAllowed: boolean;
  /** Most symbols one request may name; default `MAX_SYMBOLS` (100, API spec §7). */
  maxSymbols?: number;
}
