/**
 * The optimisation store contract inside workerd: the SQL optimisation store over a Durable
 * Object's SQLite storage (what `OptimizationObject` uses), one fresh object per check.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { createSqlOptimizationStore } from "../../../src/runs/sql/sql-optimization-store.ts";
import { durableObjectSqlDriver } from "../../../src/runtime/worker/durable-object-sql-driver.ts";
import { OPTIMIZATION_CONTRACT_CHECKS } from "../../runs/optimizations/contract/contract.ts";

const freshObject = () => env.OPTIMIZATIONS.get(env.OPTIMIZATIONS.newUniqueId());

describe("the SQL optimisation store over Durable Object storage satisfies the store contract", () => {
  for (const check of OPTIMIZATION_CONTRACT_CHECKS) {
    it(check.name, () =>
      runInDurableObject(freshObject(), async (_instance, state) => {
        await check.run(createSqlOptimizationStore(durableObjectSqlDriver(state.storage)));
      }),
    );
  }
});
