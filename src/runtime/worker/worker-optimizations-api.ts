/**
 * The optimisation domain of the Worker: `OptimizationsApi` over the optimisation objects (one per
 * optimisation, `idFromName(id)`) and the optimisation index. The Worker validates and
 * authenticates; the objects own state and execution.
 */
import type { OptimizationRequest } from "../../engine/optimize/types.ts";
import { trialBudget } from "../../runs/optimizations/optimization-request.ts";
import type { OptimizationEvent, OptimizationListPage, OptimizationListQuery, OptimizationStatus } from "../../runs/optimizations/optimization-types.ts";
import type { OptimizationResultLookup, OptimizationsApi, OptimizationTransitionOutcome } from "../../runs/optimizations/optimizations-api.ts";
import type { CallerFacts } from "../../runs/runs-api.ts";
import { lazyBody } from "./lazy-body.ts";
import { OPTIMIZATION_INDEX_NAME } from "./optimization-index-object.ts";
import { RESULTS_PATH } from "./optimization-object.ts";
import type { ResultInfo } from "./optimization-object.ts";
import type { WorkerEnv } from "./worker-env.ts";

/** What the Worker needs from `env`. */
export type WorkerOptimizationBindings = Pick<WorkerEnv, "OPTIMIZATIONS" | "OPTIMIZATION_INDEX">;

/** The Worker's implementation of the optimisation operations. */
export class WorkerOptimizationsApi implements OptimizationsApi {
  constructor(
    private readonly env: WorkerOptimizationBindings,
    private readonly wallIso: () => string = () => new Date().toISOString(),
  ) {}

  async createOptimization(request: OptimizationRequest, caller: CallerFacts): Promise<OptimizationStatus> {
    const now = this.wallIso();
    const status: OptimizationStatus = {
      optimization_id: crypto.randomUUID(), name: request.name, state: "queued", progress: 0, created_at: now, started_at: null,
      finished_at: null, error: null, search_method: request.strategy, objective_metric: request.objective_metric,
      direction: request.direction, total_trials: trialBudget(request), completed_trials: 0, failed_trials: 0, running_trials: 0,
      best_trial: null,
    };
    const record = { status, request, key_id: caller.keyId };
    return (await this.object(status.optimization_id).create(record, { type: "state", timestamp: now, payload: { state: "queued" } })) as OptimizationStatus;
  }

  async getOptimization(id: string): Promise<OptimizationStatus | null> {
    return (await this.object(id).getStatus()) as OptimizationStatus | null;
  }

  async listOptimizations(query: OptimizationListQuery): Promise<OptimizationListPage> {
    const index = this.env.OPTIMIZATION_INDEX.get(this.env.OPTIMIZATION_INDEX.idFromName(OPTIMIZATION_INDEX_NAME));
    return (await index.list(query)) as OptimizationListPage;
  }

  async cancelOptimization(id: string): Promise<OptimizationTransitionOutcome> {
    return (await this.object(id).cancel()) as OptimizationTransitionOutcome;
  }

  async resumeOptimization(id: string): Promise<OptimizationTransitionOutcome> {
    return (await this.object(id).resume()) as OptimizationTransitionOutcome;
  }

  async optimizationResult(id: string): Promise<OptimizationResultLookup> {
    const info = (await this.object(id).resultInfo()) as ResultInfo;
    if (info.kind !== "ready") return info;
    return { kind: "ready", etag: info.etag, body: lazyBody(() => this.object(id).fetch(`https://optimizations.internal${RESULTS_PATH}`)) };
  }

  async optimizationEvents(id: string, afterId: number, limit: number): Promise<OptimizationEvent[] | null> {
    return (await this.object(id).events(afterId, limit)) as OptimizationEvent[] | null;
  }

  private object(id: string) {
    return this.env.OPTIMIZATIONS.get(this.env.OPTIMIZATIONS.idFromName(id));
  }
}
