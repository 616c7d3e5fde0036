/** Validation of `search_space.parameters[]` against the base strategy's parameter schema. */
import { IssueSink, isJsonObject, rejectUnknownKeys } from "../request/issues.ts";
import type { Loc } from "../request/issues.ts";
import { checkParamValue } from "../strategies/param-checks.ts";
import type { ParamSpec, StrategyInfo } from "../strategies/param-specs.ts";
import type { ParamValue, SearchParameter } from "./types.ts";

/** Most searched parameters per request. */
export const MAX_SEARCH_PARAMETERS = 50;
/** Most values of one `choice` parameter. */
export const MAX_CHOICE_VALUES = 1000;

const KINDS = ["float_range", "int_range", "log_uniform", "choice"] as const;
const PARAM_FIELDS = ["name", "kind", "low", "high", "values"];

/**
 * Validates `search_space` (loc `["search_space", …]`). `info` is the base strategy, or undefined
 * when it is unknown (then names cannot be checked and the base backtest reports the problem).
 */
export function normalizeSearchSpace(sink: IssueSink, value: unknown, info: StrategyInfo | undefined): SearchParameter[] | undefined {
  const loc: Loc = ["search_space"];
  if (value === undefined) return void sink.add(loc, "Field required", "missing");
  if (!isJsonObject(value)) return void sink.add(loc, "Input should be an object", "object_type");
  rejectUnknownKeys(sink, value, ["parameters"], loc);
  const list = value.parameters;
  if (!Array.isArray(list)) return void sink.add([...loc, "parameters"], "Input should be a list", "list_type");
  if (list.length < 1 || list.length > MAX_SEARCH_PARAMETERS) {
    return void sink.add([...loc, "parameters"], `List should have 1 to ${MAX_SEARCH_PARAMETERS} items`, list.length < 1 ? "too_short" : "too_long");
  }
  const before = sink.count;
  const seen = new Set<string>();
  const out: SearchParameter[] = [];
  list.forEach((item, i) => {
    const p = readParameter(sink, item, [...loc, "parameters", i], info);
    if (p === undefined) return;
    if (seen.has(p.name)) sink.add([...loc, "parameters", i, "name"], `parameter '${p.name}' is searched twice`, "value_error");
    seen.add(p.name);
    out.push(p);
  });
  return sink.count === before ? out : undefined;
}

function readParameter(sink: IssueSink, item: unknown, loc: Loc, info: StrategyInfo | undefined): SearchParameter | undefined {
  if (!isJsonObject(item)) return void sink.add(loc, "Input should be an object", "object_type");
  const before = sink.count;
  rejectUnknownKeys(sink, item, PARAM_FIELDS, loc);
  const name = item.name;
  let spec: ParamSpec | undefined;
  if (typeof name !== "string" || name.length === 0) {
    sink.add([...loc, "name"], name === undefined ? "Field required" : "Input should be a non-empty string", name === undefined ? "missing" : "string_type");
  } else if (info && !Object.hasOwn(info.params, name)) {
    const allowed = Object.keys(info.params);
    const hint = allowed.length ? `parameters: ${allowed.join(", ")}` : "it takes no parameters";
    sink.add([...loc, "name"], `'${name}' is not a parameter of strategy '${info.name}' (${hint})`, "unknown_parameter");
  } else if (info) {
    spec = info.params[name];
  }
  const kind = item.kind;
  if (!(KINDS as readonly unknown[]).includes(kind)) {
    sink.add([...loc, "kind"], `Input should be one of: ${KINDS.map((k) => `'${k}'`).join(", ")}`, kind === undefined ? "missing" : "enum");
    return undefined;
  }
  const k = kind as SearchParameter["kind"];
  const param = k === "choice" ? readChoice(sink, item, loc, spec, String(name)) : readRange(sink, item, loc, k, spec);
  return sink.count === before && param && typeof name === "string" ? { name, ...param } : undefined;
}

function readChoice(sink: IssueSink, item: Record<string, unknown>, loc: Loc, spec: ParamSpec | undefined, name: string): Omit<SearchParameter, "name"> | undefined {
  for (const f of ["low", "high"]) if (item[f] !== undefined) sink.add([...loc, f], `'${f}' is not allowed with kind 'choice'; use 'values'`, "extra_forbidden");
  const values = item.values;
  if (!Array.isArray(values)) return void sink.add([...loc, "values"], values === undefined ? "Field required" : "Input should be a list", values === undefined ? "missing" : "list_type");
  if (values.length < 1 || values.length > MAX_CHOICE_VALUES) {
    return void sink.add([...loc, "values"], `List should have 1 to ${MAX_CHOICE_VALUES} items`, values.length < 1 ? "too_short" : "too_long");
  }
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean") {
      return sink.add([...loc, "values", i], "Input should be a number, string or boolean", "value_type");
    }
    const key = JSON.stringify(v);
    if (seen.has(key)) sink.add([...loc, "values", i], `duplicate value ${key}`, "value_error");
    seen.add(key);
    const problem = spec ? checkParamValue(name, spec, v) : null;
    if (problem) sink.add([...loc, "values", i], problem.msg, problem.type);
  });
  return { kind: "choice", values: values as ParamValue[], integer: spec?.type === "integer" };
}

function readRange(
  sink: IssueSink, item: Record<string, unknown>, loc: Loc, kind: Exclude<SearchParameter["kind"], "choice">, spec: ParamSpec | undefined,
): Omit<SearchParameter, "name"> | undefined {
  if (item.values !== undefined) sink.add([...loc, "values"], `'values' is only allowed with kind 'choice'`, "extra_forbidden");
  const before = sink.count;
  if (spec && spec.type !== "number" && spec.type !== "integer") {
    sink.add([...loc, "kind"], `kind '${kind}' needs a numeric parameter; this one is ${spec.type} (use 'choice')`, "value_error");
  }
  if (spec && kind === "float_range" && spec.type === "integer") {
    sink.add([...loc, "kind"], "an integer parameter cannot use 'float_range' (use 'int_range', 'log_uniform' or 'choice')", "value_error");
  }
  const low = readBound(sink, item.low, [...loc, "low"], kind === "int_range");
  const high = readBound(sink, item.high, [...loc, "high"], kind === "int_range");
  if (low === undefined || high === undefined || sink.count > before) return undefined;
  if (!(low < high)) return void sink.add([...loc, "high"], "high must be greater than low", "value_error");
  if (kind === "log_uniform" && !(low > 0)) return void sink.add([...loc, "low"], "log_uniform needs low > 0", "greater_than");
  if (spec && (spec.type === "number" || spec.type === "integer")) checkWithinSpec(sink, spec, low, high, loc);
  if (sink.count > before) return undefined;
  return { kind, low, high, integer: kind === "int_range" || spec?.type === "integer" };
}

function readBound(sink: IssueSink, value: unknown, loc: Loc, integer: boolean): number | undefined {
  if (value === undefined) return void sink.add(loc, "Field required", "missing");
  if (typeof value !== "number" || !Number.isFinite(value)) return void sink.add(loc, "Input should be a finite number", "float_type");
  if (integer && !Number.isInteger(value)) return void sink.add(loc, "Input should be an integer", "int_type");
  return value;
}

function checkWithinSpec(sink: IssueSink, spec: Extract<ParamSpec, { type: "number" | "integer" }>, low: number, high: number, loc: Loc): void {
  const exclusiveMin = spec.type === "number" && spec.exclusiveMin === true;
  const exclusiveMax = spec.type === "number" && spec.exclusiveMax === true;
  if (spec.min !== undefined && (exclusiveMin ? low <= spec.min : low < spec.min)) {
    sink.add([...loc, "low"], `low must be ${exclusiveMin ? "greater than" : "at least"} the parameter's minimum ${spec.min}`, "out_of_parameter_range");
  }
  if (spec.max !== undefined && (exclusiveMax ? high >= spec.max : high > spec.max)) {
    sink.add([...loc, "high"], `high must be ${exclusiveMax ? "less than" : "at most"} the parameter's maximum ${spec.max}`, "out_of_parameter_range");
  }
}
