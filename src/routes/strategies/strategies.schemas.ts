/** Schemas of `GET /v1/strategies`: the registered strategies and their parameter schemas. */
import { z } from "@hono/zod-openapi";

const common = { description: z.string().openapi({ description: "What the parameter does." }) };
const bound = (what: string) => z.number().optional().openapi({ description: what });

/** One parameter's schema; `type` says which other fields are present. */
export const ParamSpecSchema = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("number"),
      default: z.number(),
      min: bound("Lowest accepted value (exclusive when `exclusiveMin`)."),
      max: bound("Highest accepted value (exclusive when `exclusiveMax`)."),
      exclusiveMin: z.boolean().optional(),
      exclusiveMax: z.boolean().optional(),
      unit: z.string().optional().openapi({ example: "fraction of equity" }),
      ...common,
    }),
    z.object({
      type: z.literal("integer"),
      default: z.number().int(),
      min: bound("Lowest accepted value (inclusive)."),
      max: bound("Highest accepted value (inclusive)."),
      unit: z.string().optional().openapi({ example: "bars" }),
      ...common,
    }),
    z.object({ type: z.literal("boolean"), default: z.boolean(), ...common }),
    z.object({ type: z.literal("enum"), values: z.array(z.string()), default: z.string(), ...common }),
  ])
  .openapi("StrategyParamSpec");

/** A registered strategy. */
export const StrategyInfoSchema = z
  .object({
    name: z.string().openapi({ example: "ma_crossover", description: "Value of `strategy.name` in a backtest request." }),
    description: z.string(),
    params: z.record(z.string(), ParamSpecSchema).openapi({ description: "Parameter schemas by name, in the engine's order; omitted params take `default`." }),
  })
  .openapi("StrategyInfo");
