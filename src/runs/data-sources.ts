/**
 * The data sources of engine spec §2 for the run domain: `sample`, `csv` (local hosting, through a
 * host-provided file reader), `dataset` and `default` (both the dataset store). `DataSources`
 * picks a run's provider and checks a request's data at request time (422, not a failed run).
 */
import { checkSampleRequest } from "../engine/data/index.ts";
import {
  EngineValidationError, createInMemoryProvider, createSampleProvider, csvFileName, parseCsvSeries, resolveCsvDirectory,
} from "../engine/index.ts";
import type { BacktestRequest, EngineIssue, LoadedSeries, MarketDataProvider, Resolution } from "../engine/index.ts";
import type { DatasetStore } from "./dataset-store.ts";
import type { RequestDataCheck } from "./runs-api.ts";

/** Reads CSV files below the data directory; hosts without a file system have none. */
export interface CsvFileSource {
  /** The data directory (`GLOWBACK_DATA_DIR`). */
  readonly dataDir: string;
  /** The file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  exists(path: string): Promise<boolean>;
}

/** Series a request needs: its symbols (with their `loc`) and the benchmark. */
function neededSeries(request: BacktestRequest): { symbol: string; loc: (string | number)[] }[] {
  const out = request.symbols.map((symbol, i) => ({ symbol, loc: ["symbols", i] as (string | number)[] }));
  if (request.benchmark_symbol !== null) out.push({ symbol: request.benchmark_symbol, loc: ["benchmark_symbol"] });
  return out;
}

function csvPath(files: CsvFileSource, request: BacktestRequest, symbol: string): string {
  const dir = resolveCsvDirectory(files.dataDir, request.csv_data_path ?? "");
  if (dir === null) throw new EngineValidationError([{ loc: ["csv_data_path"], msg: "csv_data_path must be a relative path inside the data directory", type: "value_error" }]);
  return `${dir}/${csvFileName(symbol, request.resolution)}`;
}

/** Provider and request-time checks over a dataset store and, on local hosts, CSV files. */
export class DataSources implements RequestDataCheck {
  constructor(
    private readonly datasets: DatasetStore,
    private readonly files: CsvFileSource | null,
  ) {}

  /** Whether `data_source: "csv"` can be served here. */
  get csvAllowed(): boolean {
    return this.files !== null;
  }

  /** The provider that serves `request`. */
  providerFor(request: BacktestRequest): MarketDataProvider {
    switch (request.data_source) {
      case "sample":
        return createSampleProvider();
      case "csv":
        return this.csvProvider(request);
      default:
        return this.datasetProvider(request.data_source);
    }
  }

  async check(request: BacktestRequest): Promise<void> {
    const startMs = Date.parse(request.start_date);
    const endMs = Date.parse(request.end_date);
    const issues: EngineIssue[] = [];
    for (const { symbol, loc } of neededSeries(request)) {
      const msg = await this.missing(request, symbol, startMs, endMs);
      if (msg !== null) issues.push({ loc, msg, type: "value_error" });
    }
    if (issues.length > 0) throw new EngineValidationError(issues);
  }

  /** Why `symbol` cannot be served for `request`, or null when it can. */
  private async missing(request: BacktestRequest, symbol: string, startMs: number, endMs: number): Promise<string | null> {
    const { resolution } = request;
    if (request.data_source === "sample") {
      try {
        checkSampleRequest(symbol, resolution, startMs, endMs);
        return null;
      } catch (error) {
        if (error instanceof EngineValidationError) return error.issues.map((i) => i.msg).join("; ");
        throw error;
      }
    }
    if (request.data_source === "csv") {
      if (this.files === null) return "data_source 'csv' is not available on this host";
      const path = csvPath(this.files, request, symbol);
      if (await this.files.exists(path)) return null;
      return `No CSV file ${csvFileName(symbol, resolution)} for ${symbol} in csv_data_path '${request.csv_data_path ?? ""}' of the data directory`;
    }
    const info = await this.datasets.getDatasetInfo(symbol, resolution);
    if (info === null) {
      const others = this.csvAllowed ? "'sample' or 'csv'" : "'sample'";
      return `Unknown symbol ${symbol}: no ${resolution} dataset is stored for it (data source '${request.data_source}'); upload one with POST /v1/datasets/${symbol}?resolution=${resolution}, or use data_source ${others}`;
    }
    if (info.start === null || info.end === null || Date.parse(info.end) < startMs || Date.parse(info.start) >= endMs) {
      return `The ${resolution} dataset of ${symbol} (${info.start ?? "empty"} to ${info.end ?? "empty"}) has no bars between ${request.start_date} and ${request.end_date}`;
    }
    return null;
  }

  private datasetProvider(source: string): MarketDataProvider {
    const datasets = this.datasets;
    return {
      source: "dataset",
      async load(symbol, resolution, startMs, endMs) {
        const stored = await datasets.getDataset(symbol, resolution);
        const map = new Map<string, LoadedSeries>(stored ? [[symbol, stored]] : []);
        return createInMemoryProvider(source, map).load(symbol, resolution, startMs, endMs);
      },
    };
  }

  private csvProvider(request: BacktestRequest): MarketDataProvider {
    const files = this.files;
    return {
      source: "csv",
      async load(symbol: string, resolution: Resolution, startMs: number, endMs: number) {
        if (files === null) throw new EngineValidationError([{ loc: ["data_source"], msg: "data_source 'csv' is not available on this host", type: "value_error" }]);
        const fileName = csvFileName(symbol, resolution);
        const text = await files.read(csvPath(files, request, symbol));
        if (text === null) throw new EngineValidationError([{ loc: ["symbols"], msg: `No CSV file ${fileName} for ${symbol}`, type: "value_error" }]);
        const loaded = parseCsvSeries(text, { symbol, resolution, fileName });
        return createInMemoryProvider("csv", new Map([[symbol, loaded]])).load(symbol, resolution, startMs, endMs);
      },
    };
  }
}
