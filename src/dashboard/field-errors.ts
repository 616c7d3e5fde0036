/** Puts a 422's issues beside the fields their `loc` names (the longest matching prefix wins). */
import type { FieldIssue } from "./api.ts";

/** Clears every field error in `form`. */
export function clearFieldErrors(form: HTMLElement): void {
  for (const el of form.querySelectorAll<HTMLElement>(".field-error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

function slotFor(form: HTMLElement, loc: (string | number)[]): HTMLElement | null {
  const path = loc[0] === "body" ? loc.slice(1) : loc;
  for (let n = path.length; n > 0; n -= 1) {
    const key = path.slice(0, n).filter((part) => typeof part === "string").join(".");
    const slot = form.querySelector<HTMLElement>(`.field-error[data-loc="${CSS.escape(key)}"]`);
    if (slot) return slot;
  }
  return form.querySelector<HTMLElement>('.field-error[data-loc="body"]');
}

/** Shows each issue beside its field and marks the field's control invalid. */
export function showFieldErrors(form: HTMLElement, issues: FieldIssue[]): void {
  for (const issue of issues) {
    const slot = slotFor(form, issue.loc);
    if (!slot) continue;
    slot.textContent = slot.textContent ? `${slot.textContent} ${issue.msg}` : issue.msg;
    const control = slot.parentElement?.querySelector("input, select");
    if (control && slot.dataset.loc !== "body") control.setAttribute("aria-invalid", "true");
  }
}
