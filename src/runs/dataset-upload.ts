/** Turning an uploaded CSV body into a stored dataset and its summary (`DatasetInfo`). */
import { EngineValidationError, csvFileName, fingerprintSeries, parseCsvSeries } from "../engine/index.ts";
import type { CreateHasher, LoadedSeries, Resolution } from "../engine/index.ts";
import type { DatasetInfo } from "./dataset-store.ts";

/**
 * Parses `csv` as the bars of `symbol` (upper-cased) at `resolution`, with the engine's CSV rules
 * and quality checks. Throws `EngineValidationError` naming file, line and column for bad CSV,
 * and when no usable bar remains. `createHasher` is the host's SHA-256 for the fingerprint
 * (default: the engine's own; the same hex either way).
 */
export function parseDatasetUpload(
  symbol: string, resolution: Resolution, csv: string, uploadedAt: string, createHasher?: CreateHasher,
): { series: LoadedSeries; info: DatasetInfo } {
  const name = symbol.toUpperCase();
  const fileName = csvFileName(name, resolution);
  const loaded = parseCsvSeries(csv, { symbol: name, resolution, fileName });
  const ts = loaded.series.timestamps;
  if (ts.length === 0) {
    throw new EngineValidationError([{ loc: ["body"], msg: `${fileName} contains no usable bars`, type: "value_error" }]);
  }
  const info: DatasetInfo = {
    symbol: name,
    resolution,
    bars: ts.length,
    start: new Date(ts[0]).toISOString(),
    end: new Date(ts[ts.length - 1]).toISOString(),
    uploaded_at: uploadedAt,
    fingerprint: fingerprintSeries([loaded.series], createHasher),
    quality: loaded.quality,
  };
  return { series: loaded, info };
}
