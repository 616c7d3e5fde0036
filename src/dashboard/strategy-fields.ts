/** Inputs for a strategy's parameters, derived from its `GET /v1/strategies` schema. */
import { h } from "./dom.ts";
import type { ParamSpec, StrategyInfo } from "./types.ts";

function rangeHint(spec: ParamSpec): string {
  const parts: string[] = [spec.description];
  if (spec.type === "number" || spec.type === "integer") {
    const lo = spec.min === undefined ? "" : `${spec.type === "number" && spec.exclusiveMin ? ">" : "≥"} ${spec.min}`;
    const hi = spec.max === undefined ? "" : `${spec.type === "number" && spec.exclusiveMax ? "<" : "≤"} ${spec.max}`;
    const range = [lo, hi].filter(Boolean).join(", ");
    if (range) parts.push(`Range: ${range}.`);
    if (spec.unit) parts.push(`Unit: ${spec.unit}.`);
  }
  parts.push(`Default: ${String(spec.default)}.`);
  return parts.join(" ");
}

function input(id: string, name: string, spec: ParamSpec): HTMLInputElement | HTMLSelectElement {
  if (spec.type === "boolean") return h("input", { id, name, type: "checkbox", checked: spec.default });
  if (spec.type === "enum") {
    const options = spec.values.map((v) => h("option", { value: v, selected: v === spec.default }, v));
    return h("select", { id, name }, ...options);
  }
  const attrs: Record<string, string> = { id, name, type: "number", value: String(spec.default), step: spec.type === "integer" ? "1" : "any" };
  if (spec.min !== undefined) attrs.min = String(spec.min);
  if (spec.max !== undefined) attrs.max = String(spec.max);
  return h("input", attrs);
}

/** Replaces `container`'s children with one labelled field per parameter of `info`. */
export function renderStrategyFields(container: HTMLElement, info: StrategyInfo): void {
  const fields = Object.entries(info.params).map(([name, spec]) => {
    const id = `p-${name}`;
    const hintId = `${id}-hint`;
    const control = input(id, name, spec);
    control.setAttribute("aria-describedby", hintId);
    control.dataset.paramType = spec.type;
    const label = h("label", { for: id }, name.replaceAll("_", " "));
    return h("div", { class: "field" }, label, control, h("p", { id: hintId, class: "hint" }, rangeHint(spec)),
      h("p", { class: "field-error", "data-loc": `strategy.params.${name}` }));
  });
  container.replaceChildren(...fields);
}

/** The parameter values currently entered in `container`. */
export function readStrategyParams(container: HTMLElement): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const el of container.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-param-type]")) {
    const type = el.dataset.paramType;
    if (type === "boolean") params[el.name] = (el as HTMLInputElement).checked;
    else if (type === "enum") params[el.name] = el.value;
    else if (el.value.trim() !== "") params[el.name] = Number(el.value);
  }
  return params;
}
