/**
 * The search-space rows of the optimisation form: per parameter of the base strategy, a box to
 * include it and its range (numbers, prefilled from the parameter's bounds) or its values
 * (choices and booleans). Also maps a 422's `search_space.parameters.<i>` to the row it names.
 */
import { h } from "./dom.ts";
import type { FieldIssue } from "./api.ts";
import type { ParamSpec, StrategyInfo } from "./types.ts";

type Loc = FieldIssue["loc"];

function span(spec: ParamSpec & { type: "number" | "integer" }): [number, number] {
  const d = spec.default;
  const low = spec.min ?? (d > 0 ? d / 2 : d - 10);
  const high = spec.max ?? (d > 0 ? d * 2 : d + 10);
  return [low, high];
}

/** Bounds inside the parameter's own (exclusive bounds are stepped in by 1 % of the span). */
function prefill(spec: ParamSpec & { type: "number" | "integer" }): [number, number] {
  let [low, high] = span(spec);
  if (spec.type === "number") {
    const step = Number(((high - low) / 100).toPrecision(2));
    if (spec.exclusiveMin) low += step;
    if (spec.exclusiveMax) high -= step;
  }
  return [low, high];
}

function numberField(id: string, label: string, value: number, loc: string, integer: boolean): HTMLElement {
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, type: "number", step: integer ? "1" : "any", value: String(value), "data-part": label }),
    h("p", { class: "field-error", "data-loc": loc }));
}

function row(name: string, spec: ParamSpec): HTMLElement {
  const id = `s-${name}`;
  const loc = `search_space.${name}`;
  const include = h("input", { id, type: "checkbox", "data-search": name });
  const parts: HTMLElement[] = [];
  if (spec.type === "number" || spec.type === "integer") {
    const [low, high] = prefill(spec);
    const integer = spec.type === "integer";
    parts.push(numberField(`${id}-low`, "low", low, `${loc}.low`, integer), numberField(`${id}-high`, "high", high, `${loc}.high`, integer));
  } else {
    const values = spec.type === "boolean" ? "true, false" : spec.values.join(", ");
    parts.push(h("div", { class: "field" },
      h("label", { for: `${id}-values` }, "values"),
      h("input", { id: `${id}-values`, value: values, "data-part": "values", spellcheck: "false" }),
      h("p", { class: "field-error", "data-loc": `${loc}.values` })));
  }
  const kind = spec.type === "integer" ? "int_range" : spec.type === "number" ? "float_range" : "choice";
  return h("div", { class: "space-row", "data-param": name, "data-kind": kind, "data-param-type": spec.type },
    h("div", { class: "space-name" }, include, h("label", { for: id }, name.replaceAll("_", " "))),
    h("div", { class: "space-parts" }, ...parts),
    h("div", {}, h("p", { class: "field-error", "data-loc": loc })));
}

/** Replaces `container`'s rows with those of `info`'s parameters. */
export function renderSearchSpace(container: HTMLElement, info: StrategyInfo): void {
  container.replaceChildren(...Object.entries(info.params).map(([name, spec]) => row(name, spec)));
  container.dataset.strategy = info.name;
}

function numberOrText(text: string): number | string {
  return text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text.trim();
}

function choiceValue(text: string, type: string): number | string | boolean {
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  if (type === "enum") return text;
  return numberOrText(text);
}

/** The `search_space.parameters` of the ticked rows, in row order. */
export function readSearchSpace(container: HTMLElement): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const el of container.querySelectorAll<HTMLElement>(".space-row")) {
    if (!el.querySelector<HTMLInputElement>("input[data-search]")?.checked) continue;
    const name = el.dataset.param ?? "";
    const kind = el.dataset.kind ?? "";
    const part = (p: string) => el.querySelector<HTMLInputElement>(`input[data-part="${p}"]`)?.value ?? "";
    if (kind === "choice") {
      const values = part("values").split(",").map((v) => v.trim()).filter((v) => v !== "");
      out.push({ name, kind, values: values.map((v) => choiceValue(v, el.dataset.paramType ?? "")) });
    } else {
      out.push({ name, kind, low: numberOrText(part("low")), high: numberOrText(part("high")) });
    }
  }
  return out;
}

/** `loc` with `search_space.parameters.<i>` replaced by `search_space.<name of the i-th sent parameter>`. */
export function searchSpaceLoc(loc: Loc, sent: { name?: unknown }[]): Loc {
  const start = loc[0] === "body" ? 1 : 0;
  const [space, parameters, index, ...rest] = loc.slice(start);
  if (space !== "search_space" || parameters !== "parameters" || typeof index !== "number") return loc;
  const name = sent[index]?.name;
  return typeof name === "string" ? ["body", "search_space", name, ...rest] : loc;
}
