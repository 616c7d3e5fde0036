/** The page's status line (an ARIA live region): information or a clear error. */
import { byId } from "./dom.ts";

/** Shows `message`; `error` styles it as a failure. */
export function showNotice(message: string, error = false): void {
  const el = byId("notice");
  el.textContent = message;
  el.classList.toggle("error", error);
  el.hidden = false;
}

/** Hides the status line. */
export function clearNotice(): void {
  const el = byId("notice");
  el.textContent = "";
  el.classList.remove("error");
  el.hidden = true;
}

/** Shows a caught error (an `ApiCallError` carries the API's message). */
export function showError(error: unknown): void {
  showNotice(error instanceof Error ? error.message : String(error), true);
}
