/**
 * The `csv` data source's file access on local hosts (Node and Deno, both through `node:fs`):
 * paths come from `resolveCsvDirectory` (sandboxed below `GLOWBACK_DATA_DIR`) and
 * `csvFileName`, so this only reads.
 */
import { readFile, stat } from "node:fs/promises";
import type { CsvFileSource } from "../../runs/data-sources.ts";

/** CSV files below `dataDir`. */
export function createCsvFileSource(dataDir: string): CsvFileSource {
  return {
    dataDir,
    async read(path) {
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw error;
      }
    },
    async exists(path) {
      try {
        return (await stat(path)).isFile();
      } catch {
        return false;
      }
    },
  };
}
