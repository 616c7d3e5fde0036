/**
 * Pure path rules of the `csv` data source (engine spec §2.2). The engine never touches the
 * file system; the host joins these results and reads the file.
 */
import type { Resolution } from "../types.ts";

const SUFFIX: Readonly<Record<Resolution, string>> = { day: "1d", hour: "1h", minute: "1m" };

/**
 * File name of a symbol's CSV: `<SYMBOL>_<1d|1h|1m>.csv`, e.g. `AAPL_1d.csv`. A `/` in the
 * symbol (allowed in tickers such as `BTC/USD`) becomes `-`, so the name never leaves its
 * directory: `BTC/USD` at `hour` reads `BTC-USD_1h.csv`.
 */
export function csvFileName(symbol: string, resolution: Resolution): string {
  return `${symbol.replace(/\//g, "-")}_${SUFFIX[resolution]}.csv`;
}

/** Longest `csv_data_path` accepted, in characters. */
export const MAX_CSV_PATH_LENGTH = 1024;

/**
 * Joins `csvDataPath` (relative, `/`-separated) under `dataDir` and returns the directory, or
 * `null` when the path could escape `dataDir` or is unsafe: absolute paths, any `..` segment
 * (even one that would stay inside, such as `a/../b`), backslashes, `:` (drive letters), NUL or
 * other control characters, or more than `MAX_CSV_PATH_LENGTH` characters. Empty and `.`
 * segments are dropped, so `""` and `"."` resolve to `dataDir` itself. An empty `dataDir` means
 * `.`; trailing slashes of `dataDir` are removed.
 */
export function resolveCsvDirectory(dataDir: string, csvDataPath: string): string | null {
  if (csvDataPath.length > MAX_CSV_PATH_LENGTH) return null;
  if (/[\\:\u0000-\u001f\u007f]/.test(csvDataPath)) return null;
  if (csvDataPath.startsWith("/")) return null;
  const segments = csvDataPath.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) return null;
  const trimmed = dataDir.replace(/\/+$/, "");
  const base = dataDir === "" ? "." : trimmed === "" ? "/" : trimmed;
  if (segments.length === 0) return base;
  return `${base === "/" ? "" : base}/${segments.join("/")}`;
}
